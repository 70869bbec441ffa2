namespace ImageService.Core.Delivery;

/// <summary>Why one entry of a submitted allowed-origins list was refused; <see cref="Index"/> is its position in the request.</summary>
public sealed record AllowedOriginError(int Index, string Entry, string Message);
