namespace ImageService.Api.Auth;

public static class BearerTokenDefaults
{
    public const string Scheme = "Bearer";
}
