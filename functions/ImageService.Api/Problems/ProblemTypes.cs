namespace ImageService.Api.Problems;

/// <summary>
/// The stable problem <c>type</c> URIs (RFC 9457). Clients branch on these, never on <c>detail</c>. They are URNs:
/// identifiers, not links, so they stay valid wherever the service is hosted.
/// </summary>
public static class ProblemTypes
{
    private const string Prefix = "urn:imageservice:problem:";

    public const string Validation = Prefix + "validation";
    public const string Unauthorized = Prefix + "unauthorized";
    public const string Forbidden = Prefix + "forbidden";
    public const string NotFound = Prefix + "not-found";
    public const string MethodNotAllowed = Prefix + "method-not-allowed";
    public const string Conflict = Prefix + "conflict";
    public const string UploadMissing = Prefix + "upload-missing";
    public const string PreconditionFailed = Prefix + "precondition-failed";
    public const string TooLarge = Prefix + "too-large";
    /// <summary>413 from POST /images for a file above the inline limit: use POST /images/uploads.</summary>
    public const string UsePresignedUpload = Prefix + "use-presigned-upload";
    public const string UnsupportedMediaType = Prefix + "unsupported-media-type";
    public const string UnprocessableImage = Prefix + "unprocessable-image";
    public const string TooManyRequests = Prefix + "too-many-requests";
    public const string Internal = Prefix + "internal";
    public const string StorageUnavailable = Prefix + "storage-unavailable";

    /// <summary>The default type and title for a status when an error site did not choose a more specific type.</summary>
    public static (string Type, string Title) ForStatus(int status) => status switch
    {
        400 => (Validation, "The request is invalid."),
        401 => (Unauthorized, "Authentication is required."),
        403 => (Forbidden, "Forbidden."),
        404 => (NotFound, "Not found."),
        405 => (MethodNotAllowed, "Method not allowed."),
        409 => (Conflict, "Conflict."),
        412 => (PreconditionFailed, "The resource has changed."),
        413 => (TooLarge, "The file is too large."),
        415 => (UnsupportedMediaType, "Unsupported media type."),
        422 => (UnprocessableImage, "The image cannot be processed."),
        429 => (TooManyRequests, "Too many requests."),
        503 => (StorageUnavailable, "Storage is unavailable."),
        >= 500 => (Internal, "An unexpected error occurred."),
        _ => (Prefix + status.ToString(System.Globalization.CultureInfo.InvariantCulture), "Error."),
    };
}
