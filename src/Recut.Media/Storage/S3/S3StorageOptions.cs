namespace Recut.Media.Storage.S3;

/// <summary>
/// Where an S3-compatible bucket is and how to talk to it (RECUT_S3_* or Recut__S3__*). Unset <see cref="Bucket"/>
/// means no object storage: results and uploads stay in the data folder. docs/OBJECT-STORAGE.md has AWS S3, MinIO and
/// Cloudflare R2 values.
/// </summary>
public sealed class S3StorageOptions
{
    /// <summary>The service URL for anything but AWS itself (MinIO, R2, s3rver); null: AWS's own endpoint for <see cref="Region"/>.</summary>
    public string? Endpoint { get; set; }

    public string? Bucket { get; set; }

    /// <summary>The signing region; S3-compatibles take any name (R2: "auto"), AWS needs the bucket's own.</summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary>Access key id and secret; both unset: the SDK's default chain (environment, profile, instance role).</summary>
    public string? AccessKey { get; set; }

    public string? SecretKey { get; set; }

    /// <summary>Put before every object key ("recut/" keeps Recut's objects apart in a shared bucket); normalised to end in '/'.</summary>
    public string? Prefix { get; set; }

    /// <summary>endpoint/bucket/key instead of bucket.endpoint/key: MinIO and s3rver need it, AWS and R2 do not.</summary>
    public bool PathStyle { get; set; }

    /// <summary>Answer a result download with a redirect to a presigned GET instead of streaming it through the server.</summary>
    public bool Redirect { get; set; }

    /// <summary>Files above this go up in parts (TransferUtility), below it in one PUT.</summary>
    public long MultipartThresholdBytes { get; set; } = 16L * 1024 * 1024;

    public bool Enabled => !string.IsNullOrWhiteSpace(Bucket);

    /// <summary>The prefix as keys use it: "" or "something/".</summary>
    public string NormalizedPrefix =>
        string.IsNullOrWhiteSpace(Prefix) ? "" : Prefix.Trim().Trim('/') + "/";

    /// <summary>What the operator should check, for messages: where, which bucket.</summary>
    public string Describe() => $"bucket '{Bucket}' at {(string.IsNullOrWhiteSpace(Endpoint) ? $"AWS S3 ({Region})" : Endpoint)}";
}
