using System.Net;
using System.Net.Sockets;

namespace ImageService.Api.Tests.CommandLine;

/// <summary>The binary as a newcomer meets it: run as a real process (the app's own build output), exit codes and
/// what it prints.</summary>
public sealed class CommandLineTests
{
    [Fact]
    public async Task A_mistyped_command_lists_the_commands_and_exits_2_without_serving()
    {
        var result = await RunAsync(["tokn", "--user", "alice", "--urls", "http://127.0.0.1:0"], environment: "Development");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Unknown command 'tokn'", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("token --user <id>", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("provision", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_taken_port_is_one_line_and_exit_code_1()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var data = Directory.CreateTempSubdirectory("cli-port-");
        try
        {
            var result = await RunAsync(["--urls", $"http://127.0.0.1:{port}", $"--Storage:DataDirectory={data.FullName}"], environment: "Development");

            Assert.Equal(1, result.ExitCode);
            Assert.Equal($"port {port} is in use; pass --urls (e.g. --urls http://127.0.0.1:8080)", result.Stderr.Trim());
            Assert.DoesNotContain(" at ", result.Stdout + result.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("Uploads__MaxBytes", "-5", "Uploads:MaxBytes")]
    [InlineData("Delivery__PublicBaseUrl", "cdn.example.com", "Delivery:PublicBaseUrl")]
    [InlineData("Auth__SigningKey", "too-short", "Auth:SigningKey")]
    [InlineData("Plans__pro__MaxOutputDimension", "0", "Plans:pro:MaxOutputDimension")]
    [InlineData("Plans__DefaultPlanId", "gold", "Plans:DefaultPlanId")]
    [InlineData("Hosting__RouteGroup", "uploads", "Hosting:RouteGroup")]
    [InlineData("Paging__CursorKey", "c2hvcnQ=", "Paging:CursorKey")]
    public async Task A_bad_setting_stops_the_start_with_exit_code_1_naming_the_key(string variable, string value, string key)
    {
        var data = Directory.CreateTempSubdirectory("cli-settings-");
        try
        {
            var result = await RunAsync(["--urls", "http://127.0.0.1:0", $"--Storage:DataDirectory={data.FullName}"], environment: "Development",
                variables: new() { [variable] = value });

            Assert.Equal(1, result.ExitCode);
            Assert.StartsWith("Invalid configuration: ", result.Stderr.Trim(), StringComparison.Ordinal);
            Assert.Contains(key, result.Stderr, StringComparison.Ordinal);
            Assert.DoesNotContain("Now listening", result.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Provision_on_the_aws_backend_without_region_or_endpoint_names_the_missing_setting()
    {
        var result = await RunAsync(["provision", "--Storage:Backend=Aws"], environment: "Production",
            unset: ["AWS_REGION", "AWS_DEFAULT_REGION", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL_DYNAMODB", "AWS_PROFILE"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("AWS_REGION", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("AWS_ENDPOINT_URL", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_token_command_prints_a_token_the_api_accepts_shape()
    {
        var result = await RunAsync(["token", "--user", "alice"], environment: "Development");

        Assert.Equal(0, result.ExitCode);
        var token = result.Stdout.Trim().Split('\n')[^1];
        Assert.Equal(3, token.Split('.').Length); // header.payload.signature
    }

    private static Task<AppProcess.Result> RunAsync(string[] args, string environment, string[]? unset = null,
        Dictionary<string, string>? variables = null) => AppProcess.RunAsync(args, environment, unset, variables);
}
