using System.Diagnostics;
using Constructs;

namespace ImageService.Infra.Configuration;

/// <summary>
/// Finds the one published Lambda artifact (a directory holding the Native AOT <c>bootstrap</c> and libvips) that every
/// function deploys.
/// An existing publish can be named with <c>-c artifactDir=DIR</c> or <c>IMAGESERVICE_ARTIFACT_DIR</c> (CI builds it
/// once; tests use a dummy); otherwise the app publishes <c>functions/ImageService.Api</c> itself, so
/// <c>cdk synth</c> and <c>cdk deploy</c> always ship the current code.
/// </summary>
public static class LambdaArtifact
{
    public const string ContextKey = "artifactDir";
    public const string EnvironmentVariable = "IMAGESERVICE_ARTIFACT_DIR";
    public const string EntryPoint = "bootstrap";

    /// <summary>What a managed (JIT or ReadyToRun) publish puts beside its apphost; a Native AOT publish has none.</summary>
    public const string ManagedEntryPoint = "bootstrap.dll";

    /// <summary>The libvips shared library, whatever package it came from (libvips.so.42, libvips-cpp.so.8.x).</summary>
    public const string LibvipsPattern = "libvips*.so*";

    /// <summary>Where the app publishes when no artifact is given; git-ignored, beside cdk.out.</summary>
    public const string DefaultPublishDirectory = "artifacts/lambda";

    /// <summary>The publish's own bin/obj tree (kept between runs so publishing is incremental).</summary>
    public const string IntermediateDirectory = "artifacts/lambda-build";

    public const string ApiProject = "functions/ImageService.Api/ImageService.Api.csproj";

    public static string Resolve(Node node, string repositoryRoot, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(log);
        var given = node.TryGetContext(ContextKey) as string;
        if (string.IsNullOrWhiteSpace(given))
        {
            given = Environment.GetEnvironmentVariable(EnvironmentVariable);
        }

        return string.IsNullOrWhiteSpace(given)
            ? Publish(repositoryRoot, log)
            : RequireArtifact(Path.GetFullPath(given, repositoryRoot));
    }

    /// <summary>
    /// Fails early (at synth, not at deploy or first invocation) when the directory is not a Native AOT publish: the
    /// <c>bootstrap</c> must be a native x86-64 executable with no managed <c>bootstrap.dll</c> beside it (that pair is
    /// an old ReadyToRun build, whose apphost needs the dll and a runtime the function would load at every cold start),
    /// and the libvips library the engine loads at start-up must be in the same folder.
    /// </summary>
    public static string RequireArtifact(string directory)
    {
        var republish = $"Publish it with `dotnet publish {ApiProject} -c Release -r linux-x64 -o <dir>` or leave {ContextKey} unset.";
        var entryPoint = Path.Combine(directory, EntryPoint);
        if (!File.Exists(entryPoint))
        {
            throw new InvalidOperationException($"Lambda artifact directory '{directory}' has no '{EntryPoint}'. {republish}");
        }

        if (File.Exists(Path.Combine(directory, ManagedEntryPoint)))
        {
            throw new InvalidOperationException(
                $"Lambda artifact directory '{directory}' has '{ManagedEntryPoint}' beside '{EntryPoint}': it is a managed " +
                $"(ReadyToRun) build from before Native AOT. Delete the folder and republish. {republish}");
        }

        if (!IsNativeX64Executable(entryPoint))
        {
            throw new InvalidOperationException(
                $"'{entryPoint}' is not a native linux-x64 executable (ELF, x86-64); the functions run on provided.al2023 x86_64. {republish}");
        }

        if (!Directory.EnumerateFiles(directory, LibvipsPattern).Any())
        {
            throw new InvalidOperationException(
                $"Lambda artifact directory '{directory}' has no libvips library ({LibvipsPattern}) beside '{EntryPoint}'. {republish}");
        }

        return directory;
    }

    /// <summary>The directory that holds cdk.json (the CDK CLI runs the app there, but tests may not).</summary>
    public static string FindRepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "cdk.json")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No cdk.json found above '{start}'.");
    }

    private static ReadOnlySpan<byte> ElfMagic => [0x7F, (byte)'E', (byte)'L', (byte)'F'];

    /// <summary>ELF magic, 64-bit class, little-endian, machine x86-64 (EM_X86_64 = 62).</summary>
    private static bool IsNativeX64Executable(string path)
    {
        Span<byte> header = stackalloc byte[20];
        using var file = File.OpenRead(path);
        return file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) == header.Length
            && header[..4].SequenceEqual(ElfMagic)
            && header[4] == 2 && header[5] == 1
            && System.Buffers.Binary.BinaryPrimitives.ReadUInt16LittleEndian(header[18..]) == 62;
    }

    private static string Publish(string repositoryRoot, TextWriter log)
    {
        var output = Path.Combine(repositoryRoot, DefaultPublishDirectory);
        // A clean directory: the asset hash covers every file in it, and stale files would ship to Lambda.
        if (Directory.Exists(output))
        {
            Directory.Delete(output, recursive: true);
        }

        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = repositoryRoot,
            UseShellExecute = false,
        };
        // Own bin/obj under artifacts/ (--artifacts-path): the linux-x64 Release restore and build never touch the
        // obj folders that development builds and tests use, so a deploy can run beside them.
        var intermediate = Path.Combine(repositoryRoot, IntermediateDirectory);
        foreach (var argument in new[]
                 {
                     "publish", ApiProject, "-c", "Release", "-r", "linux-x64", "-o", output,
                     "--artifacts-path", intermediate, "--nologo",
                 })
        {
            start.ArgumentList.Add(argument);
        }

        log.WriteLine($"Publishing the Lambda artifact: dotnet {string.Join(' ', start.ArgumentList)}");
        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(start)
            ?? throw new InvalidOperationException("Could not start `dotnet publish`.");
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"`dotnet publish` failed with exit code {process.ExitCode}.");
        }

        log.WriteLine($"Published to {output} in {stopwatch.Elapsed.TotalSeconds:F0} s.");
        return RequireArtifact(output);
    }
}
