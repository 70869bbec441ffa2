using Amazon.CDK.AWS.CloudFront;
using Amazon.CDK.AWS.S3;
using Amazon.JSII.Runtime.Deputy;
using Constructs;

namespace ImageService.Infra.Constructs;

/// <summary>
/// An S3 origin signed with a given origin access control, and nothing else. CDK's WithOriginAccessControl also
/// writes a bucket policy letting the distribution read every object; this origin leaves the grant to the bucket's
/// owner (<see cref="ImageData.GrantDistributionRead"/>), which limits it to one prefix.
/// </summary>
internal sealed class OriginAccessControlledBucket(IBucket bucket, IOriginAccessControl accessControl) : DeputyBase, IOrigin
{
    public IOriginBindConfig Bind(Construct scope, IOriginBindOptions options) => new OriginBindConfig
    {
        OriginProperty = new CfnDistribution.OriginProperty
        {
            Id = options.OriginId,
            DomainName = bucket.BucketRegionalDomainName,
            // An empty identity is how CloudFormation says "no legacy OAI"; the OAC signs requests instead.
            S3OriginConfig = new CfnDistribution.S3OriginConfigProperty { OriginAccessIdentity = "" },
            OriginAccessControlId = accessControl.OriginAccessControlId,
        },
    };
}
