using ImageService.Api.Delivery;
using ImageService.Api.Hardening;
using ImageService.Api.Images;
using ImageService.Api.Observability;
using ImageService.Imaging;
using ImageService.Storage.Aws;
using ImageService.Storage.Aws.Accounts;
using ImageService.Storage.Local;

namespace ImageService.Api.Hosting.Configuration;

/// <summary>The configuration section of each validated settings type, so a failure can name its full key.</summary>
internal static class SettingsSections
{
    private static readonly Dictionary<Type, string> Sections = new()
    {
        [typeof(HostingOptions)] = HostingOptions.SectionName,
        [typeof(ObservabilityOptions)] = ObservabilityOptions.SectionName,
        [typeof(UploadOptions)] = UploadOptions.SectionName,
        [typeof(PagingOptions)] = PagingOptions.SectionName,
        [typeof(ImagingOptions)] = "Imaging",
        [typeof(DeliveryOptions)] = DeliveryOptions.SectionName,
        [typeof(LocalStorageOptions)] = LocalStorageOptions.SectionName,
        [typeof(AwsStorageOptions)] = AwsStorageOptions.SectionName,
        [typeof(DynamoDbAccountsOptions)] = DynamoDbAccountsOptions.SectionName,
        [typeof(HttpLimitsOptions)] = HttpLimitsOptions.SectionName,
        [typeof(CorsSettings)] = CorsSettings.SectionName,
        [typeof(Billing.BillingOptions)] = Billing.BillingOptions.SectionName,
        [typeof(Storage.Aws.Jobs.AwsJobsOptions)] = Storage.Aws.Jobs.AwsJobsOptions.SectionName,
        [typeof(Jobs.JobsOptions)] = Jobs.JobsOptions.SectionName,
        [typeof(Workflows.WorkflowsOptions)] = Workflows.WorkflowsOptions.SectionName,
    };

    public static string? Of(Type settings) => Sections.GetValueOrDefault(settings);
}
