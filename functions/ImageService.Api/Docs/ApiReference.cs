using Scalar.AspNetCore;

namespace ImageService.Api.Docs;

/// <summary>The interactive API reference (Scalar) at <c>/docs</c>, rendering <c>/openapi/v1.json</c>. On by default in
/// Development only; <c>Api:Docs</c> (true/false) decides elsewhere, since a public reference advertises every route.</summary>
public static class ApiReference
{
    public const string Route = "/docs";
    public const string EnabledKey = "Api:Docs";

    public static WebApplication MapApiReference(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Configuration.GetValue<bool?>(EnabledKey) ?? app.Environment.IsDevelopment())
        {
            app.MapScalarApiReference(Route, options => options
                .WithTitle("ImageService API")
                .WithOpenApiRoutePattern("/openapi/{documentName}.json")
                .AddDocument("v1")
                .AddPreferredSecuritySchemes("Bearer"));
        }
        return app;
    }
}
