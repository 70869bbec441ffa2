using ImageService.Api.Problems;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ImageService.Api.OpenApi;

/// <summary>What the generated document cannot infer: the bearer scheme and the multipart upload body.</summary>
public static class OpenApiSetup
{
    public static IServiceCollection AddApiOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, context, cancellationToken) =>
            {
                document.Info.Title = "ImageService management API";
                document.Info.Description = $"Upload, catalogue and serve images. Errors are RFC 9457 problem+json with a stable `type` ({ProblemTypes.Prefix}*).";
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
                return Task.CompletedTask;
            });
        });

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
