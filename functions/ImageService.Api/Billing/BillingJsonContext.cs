using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImageService.Api.Billing;

/// <summary>The JSON contract of the billing endpoints, source-generated for the trimmed build.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(CheckoutRequest))]
[JsonSerializable(typeof(BillingUrlResponse))]
[JsonSerializable(typeof(BillingPlansResponse))]
[JsonSerializable(typeof(WebhookReceipt))]
[JsonSerializable(typeof(MeterRun))]
[JsonSerializable(typeof(BillingScheduledResult))]
internal sealed partial class BillingJsonContext : JsonSerializerContext;
