namespace ImageService.Api.Billing;

/// <summary>The result of the billing function's scheduled invocation: the meter run and webhook events still pending.</summary>
public sealed record BillingScheduledResult(MeterRun Meters, int PendingEvents);
