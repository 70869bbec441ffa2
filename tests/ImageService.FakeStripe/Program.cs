using System.Globalization;
using ImageService.FakeStripe;

// dotnet run --project tests/ImageService.FakeStripe -- --webhook http://localhost:5080/billing/webhook --secret whsec_... [--port 12111]
var options = new FakeStripeOptions { Port = 12111 };
for (var i = 0; i < args.Length - 1; i += 2)
{
    switch (args[i])
    {
        case "--webhook":
            options.WebhookUrl = args[i + 1];
            break;
        case "--secret":
            options.WebhookSecret = args[i + 1];
            break;
        case "--port":
            options.Port = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            break;
        case "--api-key":
            options.ApiKey = args[i + 1];
            break;
        default:
            Console.Error.WriteLine($"Unknown option {args[i]}; use --webhook URL --secret WHSEC [--port N] [--api-key SK].");
            return 2;
    }
}

await using var server = await FakeStripeServer.StartAsync(options);
Console.WriteLine($"Fake Stripe on {server.BaseUrl}: set Billing__Stripe__ApiBase={server.BaseUrl} and Billing__Stripe__SecretKey=sk_test_anything.");
Console.WriteLine(options.WebhookUrl is null ? "No --webhook: events are recorded, not sent." : $"Events go to {options.WebhookUrl}, signed with the given secret.");
await server.WaitForShutdownAsync(); // Ctrl+C or SIGTERM
return 0;
