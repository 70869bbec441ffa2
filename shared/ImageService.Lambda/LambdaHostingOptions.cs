namespace ImageService.Lambda;

/// <summary>
/// What the Lambda host needs from the app it runs. The host answers an exception the app let through with a 500
/// problem+json of its own; the app names that problem's type and title so clients see one shape whichever layer
/// answered (the host knows no app's problem scheme).
/// </summary>
public sealed class LambdaHostingOptions
{
    /// <summary>RFC 9457's default type, for apps that name none.</summary>
    public string UnhandledErrorType { get; set; } = "about:blank";

    public string UnhandledErrorTitle { get; set; } = "An unexpected error occurred.";
}
