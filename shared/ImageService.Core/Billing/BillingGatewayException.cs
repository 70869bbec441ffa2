namespace ImageService.Core.Billing;

/// <summary>The payment provider refused or failed a request. <see cref="NotFound"/>: it has no such object.</summary>
public sealed class BillingGatewayException : Exception
{
    public BillingGatewayException()
    {
    }

    public BillingGatewayException(string message) : base(message)
    {
    }

    public BillingGatewayException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public BillingGatewayException(string message, bool notFound, Exception? innerException = null) : base(message, innerException) =>
        NotFound = notFound;

    public bool NotFound { get; }
}
