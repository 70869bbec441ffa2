using ImageService.Api.Delivery;
using ImageService.Api.Hardening;
using ImageService.Api.Images;
using ImageService.Api.Observability;
using ImageService.Imaging;
using ImageService.Storage.Aws;
using ImageService.Storage.Aws.Accounts;
using ImageService.Storage.Local;
using Microsoft.Extensions.Options;

namespace ImageService.Api.Hosting.Configuration;

// Source-generated from the DataAnnotations on each settings type (AOT-safe: no reflection over the attributes at run
// time). The generator words [Range] failures itself ("MaxBytes: The field UploadOptions.MaxBytes must be between …"),
// so StartupFailures prefixes each failure with its full key (SettingsSections); other attributes may carry messages
// that already name the key.

[OptionsValidator]
internal sealed partial class UploadOptionsValidator : IValidateOptions<UploadOptions>;

[OptionsValidator]
internal sealed partial class PagingOptionsValidator : IValidateOptions<PagingOptions>;

[OptionsValidator]
internal sealed partial class DeliveryOptionsValidator : IValidateOptions<DeliveryOptions>;

[OptionsValidator]
internal sealed partial class ImagingOptionsValidator : IValidateOptions<ImagingOptions>;

[OptionsValidator]
internal sealed partial class LocalStorageOptionsValidator : IValidateOptions<LocalStorageOptions>;

[OptionsValidator]
internal sealed partial class AwsStorageOptionsValidator : IValidateOptions<AwsStorageOptions>;

[OptionsValidator]
internal sealed partial class DynamoDbAccountsOptionsValidator : IValidateOptions<DynamoDbAccountsOptions>;

[OptionsValidator]
internal sealed partial class AwsJobsOptionsValidator : IValidateOptions<Storage.Aws.Jobs.AwsJobsOptions>;

[OptionsValidator]
internal sealed partial class HostingOptionsValidator : IValidateOptions<HostingOptions>;

[OptionsValidator]
internal sealed partial class HttpLimitsOptionsValidator : IValidateOptions<HttpLimitsOptions>;

[OptionsValidator]
internal sealed partial class CorsSettingsValidator : IValidateOptions<CorsSettings>;

[OptionsValidator]
internal sealed partial class BillingOptionsAttributesValidator : IValidateOptions<ImageService.Api.Billing.BillingOptions>;

[OptionsValidator]
internal sealed partial class ObservabilityOptionsValidator : IValidateOptions<ObservabilityOptions>;
