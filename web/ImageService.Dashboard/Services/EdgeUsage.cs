namespace ImageService.Dashboard.Services;

/// <summary>The CDN's own counters (issue 12) read from the same GET /usage answer: present on AWS, absent locally,
/// so the Overview shows edge and origin side by side only where both exist.</summary>
public sealed record EdgeUsage(long? EdgeRequests, long? EdgeBytes);
