namespace ImageService.Contracts.Dashboard;

/// <summary>The dashboard's <c>config.json</c>: where the API and delivery live and how users sign in. Locally the API
/// answers it for the running process; on AWS the stack writes it next to the static files.</summary>
/// <param name="ApiBaseUrl">The management API's origin (no trailing slash); empty means the dashboard's own origin.</param>
/// <param name="DeliveryBaseUrl">The CDN origin delivery URLs use (the images' <c>img-src</c>).</param>
/// <param name="SignIn"><c>development</c> (a user-name form backed by <c>POST /auth/dev-token</c>), <c>cognito</c>
/// (the hosted UI, authorization code with PKCE) or <c>none</c> (no sign-in is configured).</param>
/// <param name="CognitoDomain">The user pool's hosted UI origin, e.g. <c>https://images-prod.auth.eu-west-1.amazoncognito.com</c>.</param>
/// <param name="ClientId">The app client id of the dashboard (public client, no secret).</param>
/// <param name="InlineUploadMaxBytes">The API's <c>Uploads:InlineMaxBytes</c>: larger files take the presigned flow.</param>
public sealed record DashboardConfig(string ApiBaseUrl, string DeliveryBaseUrl, string SignIn, string? CognitoDomain, string? ClientId, long InlineUploadMaxBytes)
{
    public const string Development = "development";
    public const string Cognito = "cognito";
    public const string None = "none";
}
