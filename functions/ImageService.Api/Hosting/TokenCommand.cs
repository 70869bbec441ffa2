using ImageService.Api.Auth;

namespace ImageService.Api.Hosting;

/// <summary><c>token --user &lt;id&gt;</c>: prints a development bearer token on stdout. Refused outside the
/// Development environment, so a production configuration cannot be used to mint tokens.</summary>
internal static class TokenCommand
{
    public static int Run(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = args.Where((_, i) => !IsCommandArgument(args, i)).ToArray(),
            ContentRootPath = AppContext.BaseDirectory,
        });
        if (!builder.Environment.IsDevelopment())
        {
            Console.Error.WriteLine($"Refusing to mint a token in the '{builder.Environment.EnvironmentName}' environment; development tokens exist only in Development.");
            return 2;
        }
        var user = ValueOf(args, "--user");
        if (user is null || !OwnerIds.IsValid(user))
        {
            Console.Error.WriteLine("Usage: dotnet run --project functions/ImageService.Api -- token --user <id>   (id: letters, digits, . _ @ + -)");
            return 1;
        }
        var options = AuthConfiguration.Read(builder.Configuration);
        if (string.IsNullOrEmpty(options.SigningKey))
        {
            Console.Error.WriteLine("Auth:SigningKey is not configured (it is in appsettings.Development.json).");
            return 1;
        }
        Console.Out.WriteLine(DevelopmentTokens.Create(options, user));
        return 0;
    }

    private static string? ValueOf(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    private static bool IsCommandArgument(string[] args, int index) =>
        args[index] == "--user" || (index > 0 && args[index - 1] == "--user");
}
