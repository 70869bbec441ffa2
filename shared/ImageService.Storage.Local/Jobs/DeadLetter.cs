namespace ImageService.Storage.Local.Jobs;

/// <summary>A message that used up its attempts (or could not be read), with why it was given up.</summary>
public sealed record DeadLetter(string MessageId, string Body, int Attempts, string Reason, DateTimeOffset DeadAt);
