using Recut.Media.Storage.S3;

namespace Recut.TestSupport;

/// <summary>
/// The test S3 server (RECUT_TEST_S3, printed by scripts/start-s3.sh: "Endpoint=…;Bucket=…;Region=…;AccessKey=…;SecretKey=…").
/// Every caller gets a prefix of its own, so tests running side by side — and leftovers of earlier runs in the same
/// bucket — never meet. Like the PostgreSQL tests, these fail without the server rather than pass having proved nothing:
/// test.sh (and so CI) starts it; locally run the script or leave them out with <c>--filter "Category!=S3"</c>.
/// </summary>
public static class TestS3
{
    public const string Variable = "RECUT_TEST_S3";
    public const string Category = "S3";

    /// <summary>The test server's settings with a fresh prefix ("t-&lt;name&gt;-&lt;random&gt;/").</summary>
    public static S3StorageOptions Require(string name = "test")
    {
        var value = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(value))
        {
            var inCi = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
            throw new InvalidOperationException(
                $"{Variable} is not set{(inCi ? " in CI, where the S3 tests are required" : "")}. Start s3rver and export it with: "
                + "eval \"$(scripts/start-s3.sh)\" (or exclude these tests locally: dotnet test --filter \"Category!=S3\").");
        }
        var settings = Parse(value);
        return new S3StorageOptions
        {
            Endpoint = settings.GetValueOrDefault("Endpoint"),
            Bucket = settings.GetValueOrDefault("Bucket"),
            Region = settings.GetValueOrDefault("Region") ?? "us-east-1",
            AccessKey = settings.GetValueOrDefault("AccessKey"),
            SecretKey = settings.GetValueOrDefault("SecretKey"),
            PathStyle = true,
            Prefix = $"t-{name}-{Guid.NewGuid():N}"[..Math.Min(64, name.Length + 35)] + "/",
        };
    }

    /// <summary>The RECUT_S3_* variables a `recut serve` child process needs for these settings.</summary>
    public static Dictionary<string, string> ServeEnvironment(S3StorageOptions s3) => new()
    {
        ["RECUT_S3_ENDPOINT"] = s3.Endpoint ?? "",
        ["RECUT_S3_BUCKET"] = s3.Bucket ?? "",
        ["RECUT_S3_REGION"] = s3.Region,
        ["RECUT_S3_ACCESS_KEY"] = s3.AccessKey ?? "",
        ["RECUT_S3_SECRET_KEY"] = s3.SecretKey ?? "",
        ["RECUT_S3_PREFIX"] = s3.Prefix ?? "",
        ["RECUT_S3_PATH_STYLE"] = s3.PathStyle ? "true" : "false",
    };

    /// <summary>When a SigV4 presigned URL stops working: its signing time (X-Amz-Date) plus its lifetime (X-Amz-Expires).</summary>
    public static DateTimeOffset PresignedExpiryOf(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var query = System.Web.HttpUtility.ParseQueryString(url.Query);
        var signedAt = DateTimeOffset.ParseExact(query["X-Amz-Date"]!, "yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal);
        return signedAt.AddSeconds(long.Parse(query["X-Amz-Expires"]!, System.Globalization.CultureInfo.InvariantCulture));
    }

    private static Dictionary<string, string> Parse(string value) =>
        value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.OrdinalIgnoreCase);
}
