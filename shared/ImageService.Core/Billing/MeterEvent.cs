namespace ImageService.Core.Billing;

/// <summary>One Stripe Billing meter event: the meter's event name, the customer, a whole value, the deterministic
/// <see cref="Identifier"/> (<c>{account}:{meter}:{hour}</c>) and the instant the usage belongs to.</summary>
public sealed record MeterEvent(string EventName, string CustomerId, long Value, string Identifier, DateTimeOffset Timestamp);
