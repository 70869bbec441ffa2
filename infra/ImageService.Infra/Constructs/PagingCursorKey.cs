using Amazon.CDK;
using Amazon.CDK.AWS.SecretsManager;
using Constructs;
using LambdaFunction = Amazon.CDK.AWS.Lambda.Function;

namespace ImageService.Infra.Constructs;

/// <summary>
/// The HMAC key that signs list-pagination cursors, generated once per stage by Secrets Manager. Without it every
/// Lambda instance (and every cold start) signs with its own random key, so a cursor from one page fails on the next.
/// </summary>
public sealed class PagingCursorKey : Construct
{
    /// <summary>The Api's configuration key <c>Paging:CursorKey</c> as an environment variable.</summary>
    public const string Variable = "Paging__CursorKey";

    /// <summary>44 alphanumeric characters are valid base64 without padding (the length is a multiple of 4) and
    /// decode to 33 bytes, above the Api's 32-byte minimum; letters and digits only, so no character needs escaping.</summary>
    public const int Length = 44;

    public Secret Secret { get; }

    public PagingCursorKey(Construct scope, string id, PagingCursorKeyProps props) : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        Secret = new Secret(this, "Secret", new SecretProps
        {
            Description = "HMAC key (base64) signing ImageService list cursors; rotating it invalidates open cursors",
            GenerateSecretString = new SecretStringGenerator
            {
                PasswordLength = Length,
                ExcludePunctuation = true,
                IncludeSpace = false,
            },
            // Retained with the data, so a redeployed prod stack can be pointed back at the same key.
            RemovalPolicy = props.Retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
        });
    }

    /// <summary>
    /// Sets the key on a function through a CloudFormation dynamic reference: the template holds only
    /// <c>{{resolve:secretsmanager:...}}</c>, CloudFormation resolves it at deploy time, and the function needs no
    /// Secrets Manager permission or SDK. A new secret value reaches the function on the next deploy.
    /// </summary>
    public void ConfigureOn(LambdaFunction function)
    {
        ArgumentNullException.ThrowIfNull(function);
        function.AddEnvironment(Variable, Secret.SecretValue.UnsafeUnwrap());
    }
}
