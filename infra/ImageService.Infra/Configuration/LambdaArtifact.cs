using System.Diagnostics;
using Constructs;

namespace ImageService.Infra.Configuration;

/// <summary>
/// Finds the published Lambda artifacts: the Native AOT <c>bootstrap</c> with libvips that every function but billing
/// deploys, and the billing function's managed publish with Stripe.net (<see cref="ResolveBilling"/>).
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

    /// <summary>The billing function's artifact: the same project published without Native AOT and with Stripe.net
    /// (<c>-p:BillingHost=true -p:PublishAot=false --self-contained</c>): an apphost <c>bootstrap</c> beside
    /// <c>bootstrap.dll</c> and the runtime. Named with <c>-c billingArtifactDir=DIR</c> or
    /// <c>IMAGESERVICE_BILLING_ARTIFACT_DIR</c>, else published to <see cref="DefaultBillingPublishDirectory"/>.</summary>
    public const string BillingContextKey = "billingArtifactDir";
    public const string BillingEnvironmentVariable = "IMAGESERVICE_BILLING_ARTIFACT_DIR";
    public const string DefaultBillingPublishDirectory = "artifacts/lambda-billing";
    public const string BillingIntermediateDirectory = "artifacts/lambda-billing-build";

    /// <summary>
    /// What the publish carries for the one-machine install only: the dashboard (wwwroot/app, about 11 MB with its
    /// gzip and brotli copies, mostly incompressible) and its static-asset manifest. No function maps /app/ (only a
    /// process with every route group does; on AWS CloudFront serves the dashboard from its own bucket), so the
    /// functions' zip leaves them out.
    /// </summary>
    public static readonly string[] NotDeployed = ["wwwroot", "wwwroot/**", "*.staticwebassets.endpoints.json"];

    /// <summary>The Stripe client library, which only the billing artifact carries.</summary>
    public const string StripeAssembly = "Stripe.net.dll";

    public static string ResolveBilling(Node node, string repositoryRoot, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(log);
        var given = node.TryGetContext(BillingContextKey) as string;
        if (string.IsNullOrWhiteSpace(given))
        {
            given = Environment.GetEnvironmentVariable(BillingEnvironmentVariable);
        }

        return string.IsNullOrWhiteSpace(given)
            ? RequireBillingArtifact(Publish(repositoryRoot, log, DefaultBillingPublishDirectory, BillingIntermediateDirectory,
                ["-p:BillingHost=true", "-p:PublishAot=false", "--self-contained"]))
            : RequireBillingArtifact(Path.GetFullPath(given, repositoryRoot));
    }

    /// <summary>The billing artifact is a managed self-contained publish: an x86-64 apphost <c>bootstrap</c>, its
    /// <c>bootstrap.dll</c>, Stripe.net and libvips.</summary>
    public static string RequireBillingArtifact(string directory)
    {
        var republish = $"Publish it with `dotnet publish {ApiProject} -c Release -r linux-x64 -p:BillingHost=true -p:PublishAot=false --self-contained -o <dir>` or leave {BillingContextKey} unset.";
        var entryPoint = Path.Combine(directory, EntryPoint);
        if (!File.Exists(entryPoint) || !IsNativeX64Executable(entryPoint))
        {
            throw new InvalidOperationException($"Billing artifact directory '{directory}' has no linux-x64 '{EntryPoint}'. {republish}");
        }

        foreach (var required in new[] { ManagedEntryPoint, StripeAssembly })
        {
            if (!File.Exists(Path.Combine(directory, required)))
            {
                throw new InvalidOperationException($"Billing artifact directory '{directory}' has no '{required}': it is not the billing publish. {republish}");
            }
        }

        if (!Directory.EnumerateFiles(directory, LibvipsPattern).Any())
        {
            throw new InvalidOperationException($"Billing artifact directory '{directory}' has no libvips library ({LibvipsPattern}). {republish}");
        }

        return directory;
    }

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
            ? RequireArtifact(Publish(repositoryRoot, log, DefaultPublishDirectory, IntermediateDirectory, []))
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

    private static string Publish(string repositoryRoot, TextWriter log, string outputDirectory, string intermediateDirectory, string[] extraArguments)
    {
        var output = Path.Combine(repositoryRoot, outputDirectory);
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
        var intermediate = Path.Combine(repositoryRoot, intermediateDirectory);
        foreach (var argument in new[]
                 {
                     "publish", ApiProject, "-c", "Release", "-r", "linux-x64", "-o", output,
                     "--artifacts-path", intermediate, "--nologo",
                 }.Concat(extraArguments))
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
        return output;
    }
}
