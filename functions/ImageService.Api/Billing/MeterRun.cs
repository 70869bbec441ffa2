namespace ImageService.Api.Billing;

/// <summary>One run of the <see cref="MeterReporter"/>: its hour, reports made, reports Stripe accepted, reports still unsent.</summary>
public sealed record MeterRun(string Hour, int Made, int Sent, int Unsent);
