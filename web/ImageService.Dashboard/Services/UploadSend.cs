namespace ImageService.Dashboard.Services;

/// <summary>One request carrying file <see cref="Index"/> of batch <see cref="Batch"/>. <see cref="Fields"/> null: the
/// file is the raw body (a presigned PUT); otherwise a multipart form with the fields first and the file last as
/// <c>file</c> (<c>POST /images</c>, or S3's presigned POST, which requires the file to be the last field).</summary>
public sealed record UploadSend(int Batch, int Index, string Method, string Url)
{
    public IReadOnlyDictionary<string, string>? Headers { get; init; }
    public IReadOnlyDictionary<string, string>? Fields { get; init; }
    public string? Bearer { get; init; }
}
