using System.Diagnostics;

namespace ImageService.Storage.Tests.Faults;

/// <summary>A tiny tmpfs mounted over a directory: a real full disk (ENOSPC from the kernel, for files and SQLite
/// alike). Mounting needs root (CAP_SYS_ADMIN), which the project's test machines have; elsewhere the tests that need it
/// are skipped with <see cref="RequiresTmpfsFactAttribute"/>'s reason.</summary>
internal sealed class TmpfsMount : IDisposable
{
    private static readonly Lazy<bool> Available = new(Probe);

    private TmpfsMount(string directory) => Directory = directory;

    public string Directory { get; }

    public static bool CanMount => Available.Value;

    public static TmpfsMount Over(string directory, long sizeBytes)
    {
        Run("mount", "-t", "tmpfs", "-o", $"size={sizeBytes}", "tmpfs", directory);
        return new TmpfsMount(directory);
    }

    /// <summary>Writes a ballast file until the file system refuses: afterwards no write of any size fits.</summary>
    public string Fill()
    {
        var ballast = Path.Combine(Directory, "ballast.bin");
        var chunk = new byte[4096];
        using var stream = new FileStream(ballast, FileMode.Create, FileAccess.Write, FileShare.None, 1);
        try
        {
            while (true)
            {
                stream.Write(chunk);
                stream.Flush();
            }
        }
        catch (IOException)
        {
            // ENOSPC: full
        }
        return ballast;
    }

    public void Dispose() => Run("umount", "-l", Directory);

    private static bool Probe()
    {
        if (!OperatingSystem.IsLinux() || Environment.UserName != "root")
        {
            return false;
        }
        var probe = System.IO.Directory.CreateTempSubdirectory("imageservice-tmpfs-probe-").FullName;
        try
        {
            Run("mount", "-t", "tmpfs", "-o", "size=65536", "tmpfs", probe);
            Run("umount", probe);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
        finally
        {
            System.IO.Directory.Delete(probe);
        }
    }

    private static void Run(string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{command} did not start.");
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{command} {string.Join(' ', arguments)} failed: {error}");
        }
    }
}
