using System.Globalization;
using ImageService.Api.Problems;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ImageService.Api.OpenApi;

/// <summary>What the generated document cannot infer: the bearer scheme, the multipart upload body, and which problem
/// types each error response carries (from <see cref="ApiResponses.ProducesProblems"/>).</summary>
public static class OpenApiSetup
{
    public static IServiceCollection AddApiOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, context, cancellationToken) =>
            {
                document.Info.Title = "ImageService management API";
                document.Info.Description = $"Upload, catalogue and serve images. Errors are RFC 9457 problem+json with a stable `type` ({ProblemTypes.Prefix}*); "
                    + "each operation lists the types it answers with. Every type:\n\n| type | status | title |\n|---|---|---|\n"
                    + string.Concat(ProblemTypes.All.Select(k => string.Create(CultureInfo.InvariantCulture, $"| `{k.Type}` | {k.Status} | {k.Title} |\n")));
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "JWT",
                    Description = "A JWT whose `sub` is the owner id. Locally: dotnet run --project functions/ImageService.Api -- token --user <id>.",
                };
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, cancellationToken) =>
            {
                var anonymous = context.Description.ActionDescriptor.EndpointMetadata.OfType<Microsoft.AspNetCore.Authorization.IAllowAnonymous>().Any();
                var secured = context.Description.ActionDescriptor.EndpointMetadata.OfType<Microsoft.AspNetCore.Authorization.IAuthorizeData>().Any();
                if (secured && !anonymous)
                {
                    operation.Security ??= [];
                    operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", context.Document)] = [] });
                }
                DescribeProblems(operation, context.Description.ActionDescriptor.EndpointMetadata);
                // GET and HEAD share one endpoint name; operation ids must be unique in the document.
                if (context.Description.HttpMethod == HttpMethods.Head && operation.OperationId is { } id)
                {
                    operation.OperationId = id + "Head";
                }
                return Task.CompletedTask;
            });
        });

    /// <summary>Each error response lists the problem types it may carry, with their titles and meaning.</summary>
    private static void DescribeProblems(OpenApiOperation operation, IList<object> metadata)
    {
        var kinds = metadata.OfType<ProblemResponsesMetadata>().SelectMany(m => m.Types).Distinct(StringComparer.Ordinal).Select(ProblemTypes.Get);
        foreach (var status in kinds.GroupBy(k => k.Status))
        {
            if (operation.Responses?.GetValueOrDefault(status.Key.ToString(CultureInfo.InvariantCulture)) is OpenApiResponse response)
            {
                response.Description = string.Join("\n\n", status.Select(k => $"`{k.Type}`: {k.Title} {k.Meaning}"));
            }
        }
    }

    /// <summary>Describes POST /images' multipart body, which the handler reads itself (to answer 413 before
    /// buffering an oversized file).</summary>
    public static RouteHandlerBuilder WithMultipartUpload(this RouteHandlerBuilder builder) =>
        builder.AddOpenApiOperationTransformer((operation, context, cancellationToken) =>
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["multipart/form-data"] = new()
                    {
                        Schema = new OpenApiSchema
                        {
                            Type = JsonSchemaType.Object,
                            Required = new HashSet<string> { "file" },
                            Properties = new Dictionary<string, IOpenApiSchema>
                            {
                                ["file"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = "JPEG, PNG, WebP, GIF, AVIF, HEIF or TIFF; the type is read from the bytes." },
                                ["title"] = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 200 },
                                ["description"] = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 2000 },
                                ["albumId"] = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^[A-Za-z0-9_-]{1,64}$" },
                                ["tags"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Comma-separated (or repeated field); at most 20 tags of at most 50 characters." },
                            },
                        },
                    },
                },
            };
            return Task.CompletedTask;
        });
}
