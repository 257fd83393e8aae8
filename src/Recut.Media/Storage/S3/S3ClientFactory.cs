using Amazon.Runtime;
using Amazon.S3;

namespace Recut.Media.Storage.S3;

/// <summary>The SDK client for <see cref="S3StorageOptions"/>, configured for S3-compatibles as well as AWS.</summary>
public static class S3ClientFactory
{
    public static AmazonS3Client Create(S3StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var config = new AmazonS3Config
        {
            ForcePathStyle = options.PathStyle,
            AuthenticationRegion = options.Region,
            // SDK 4 sends CRC32 checksum trailers (aws-chunked bodies) on every upload by default; s3rver, older MinIO
            // and several other S3-compatibles reject or mangle them. Only where an operation demands a checksum.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            // The worker's own retry (the task lease) covers long outages; the SDK's covers a blip.
            MaxErrorRetry = 3,
            Timeout = TimeSpan.FromMinutes(5),
        };
        if (!string.IsNullOrWhiteSpace(options.Endpoint))
        {
            config.ServiceURL = options.Endpoint;
        }
        else
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(options.Region);
        }
        return string.IsNullOrEmpty(options.AccessKey)
            ? new AmazonS3Client(config)
            : new AmazonS3Client(new BasicAWSCredentials(options.AccessKey, options.SecretKey ?? ""), config);
    }
}
