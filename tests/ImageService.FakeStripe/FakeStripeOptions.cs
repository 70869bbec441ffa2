namespace ImageService.FakeStripe;

public sealed class FakeStripeOptions
{
    /// <summary>Where events are POSTed (the service's <c>/billing/webhook</c>); null = events are only recorded.</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>The client events are POSTed with (an in-memory test server's client, say); null = a client of the fake's own.</summary>
    public HttpClient? WebhookClient { get; set; }

    /// <summary>The endpoint's signing secret (<c>Billing:Stripe:WebhookSecret</c> of the service).</summary>
    public string WebhookSecret { get; set; } = "whsec_fake";

    /// <summary>0 = a free port chosen by the OS.</summary>
    public int Port { get; set; }

    /// <summary>The secret key callers must send; null accepts any <c>sk_test_…</c> key.</summary>
    public string? ApiKey { get; set; }

    public TimeProvider Time { get; set; } = TimeProvider.System;

    /// <summary>Length of a subscription's billing period.</summary>
    public TimeSpan Period { get; set; } = TimeSpan.FromDays(30);
}
