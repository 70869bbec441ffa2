using Microsoft.Extensions.Options;

namespace ImageService.Api.Jobs;

[OptionsValidator]
internal sealed partial class JobsOptionsValidator : IValidateOptions<JobsOptions>;
