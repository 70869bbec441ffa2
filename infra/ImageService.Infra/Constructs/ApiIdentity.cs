using Amazon.CDK;
using Amazon.CDK.AWS.Cognito;
using Constructs;

namespace ImageService.Infra.Constructs;

/// <summary>
/// Who issues the JWTs the HTTP API accepts: either an issuer the stage names (Auth0, Entra ID, another pool), or a
/// Cognito user pool with a public app client created here. The authorizer only needs the issuer and audience.
/// </summary>
public sealed class ApiIdentity : Construct
{
    public string Issuer { get; }

    public IReadOnlyList<string> Audience { get; }

    /// <summary>Null when the stage uses an existing issuer.</summary>
    public UserPool? UserPool { get; }

    public UserPoolClient? Client { get; }

    public ApiIdentity(Construct scope, string id, ApiIdentityProps props) : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        if (!string.IsNullOrEmpty(props.ExistingIssuer))
        {
            Issuer = props.ExistingIssuer;
            Audience = props.ExistingAudience;
            return;
        }

        UserPool = new UserPool(this, "Users", new UserPoolProps
        {
            SelfSignUpEnabled = true,
            SignInAliases = new SignInAliases { Email = true },
            AutoVerify = new AutoVerifiedAttrs { Email = true },
            AccountRecovery = AccountRecovery.EMAIL_ONLY,
            PasswordPolicy = new PasswordPolicy
            {
                MinLength = 12,
                RequireDigits = true,
                RequireLowercase = true,
                RequireUppercase = true,
                RequireSymbols = false,
            },
            RemovalPolicy = props.RetainUsers ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
        });
        // Mobile and browser apps cannot keep a secret: a public client with SRP sign-in and refresh tokens.
        Client = UserPool.AddClient("AppClient", new UserPoolClientOptions
        {
            GenerateSecret = false,
            AuthFlows = new AuthFlow { UserSrp = true },
            PreventUserExistenceErrors = true,
            AccessTokenValidity = Duration.Hours(1),
            IdTokenValidity = Duration.Hours(1),
            RefreshTokenValidity = Duration.Days(30),
        });
        Issuer = $"https://cognito-idp.{Stack.Of(this).Region}.amazonaws.com/{UserPool.UserPoolId}";
        // Cognito access tokens carry the client id as client_id; the HTTP API authorizer accepts that as the audience.
        Audience = [Client.UserPoolClientId];
    }
}
