namespace ImageService.Core.Billing;

/// <summary>A webhook whose <c>Stripe-Signature</c> is missing, wrong or outside the tolerance, or whose body is not an event.</summary>
public sealed class WebhookSignatureException : Exception
{
    public WebhookSignatureException()
    {
    }

    public WebhookSignatureException(string message) : base(message)
    {
    }

    public WebhookSignatureException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
