using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace ImageService.Core.Jobs;

/// <summary>Writes and reads queue message bodies; anything that does not read as a message is a poison message.</summary>
public static class JobMessages
{
    public static string Write(JobMessage message) => JsonSerializer.Serialize(message, JobMessageJsonContext.Default.JobMessage);

    public static bool TryRead(string body, [NotNullWhen(true)] out JobMessage? message)
    {
        message = null;
        try
        {
            message = JsonSerializer.Deserialize(body, JobMessageJsonContext.Default.JobMessage);
        }
        catch (JsonException)
        {
            return false;
        }
        return message is { OwnerId.Length: > 0, JobId.Length: > 0 };
    }
}
