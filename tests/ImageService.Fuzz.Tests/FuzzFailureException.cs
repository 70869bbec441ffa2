namespace ImageService.Fuzz.Tests;

public sealed class FuzzFailureException(string message, Exception inner) : Exception(message, inner);
