namespace ImageService.Core.Imaging;

/// <summary>Request- and plan-dependent inputs of a transform that are not part of its URL parameters.</summary>
/// <param name="Accept">The request's Accept header, used when the spec asks for f=auto.</param>
/// <param name="AllowAvif">Whether the account's plan allows AVIF output (auto falls back to WebP; explicit f=avif is
/// rejected by the caller before the engine runs).</param>
/// <param name="MaxDimension">Largest output width or height the plan allows (after dpr).</param>
public sealed record TransformContext(string? Accept = null, bool AllowAvif = true, int MaxDimension = 8192);
