namespace ImageService.Core.Delivery;

/// <summary>
/// Whether a delivery request passes the account's allowed origins (403 when not), and the
/// <c>Access-Control-Allow-Origin</c> value to send (null = send none). When it echoes a request's Origin the response
/// must also carry <c>Vary: Origin</c>.
/// </summary>
public readonly record struct OriginDecision(bool Allowed, string? AccessControlAllowOrigin)
{
    public static OriginDecision Denied => new(false, null);
}
