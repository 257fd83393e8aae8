using System.Text;
using Microsoft.Extensions.Options;
using Recut.Media.Signing;
using Recut.Server.Configuration;
using Recut.Server.Signing;
using Recut.TestSupport;

namespace Recut.Server.Tests.Storage;

/// <summary>RECUT_S3_* and RECUT_SIGNING_SECRET: read from the environment, checked before start-up, one message per bad setting.</summary>
public sealed class ObjectStorageSettingsTests
{
    private const string Postgres = "Host=127.0.0.1;Database=recut;Username=recut;Password=x";
    private const string Secret = "0123456789abcdef0123456789abcdef-shared";

    [Fact]
    public void The_environment_names_set_the_bucket_settings_and_the_secret()
    {
        var env = new Dictionary<string, string>
        {
            ["RECUT_S3_ENDPOINT"] = "http://minio:9000",
            ["RECUT_S3_BUCKET"] = "media",
            ["RECUT_S3_REGION"] = "eu-west-1",
            ["RECUT_S3_ACCESS_KEY"] = "AK",
            ["RECUT_S3_SECRET_KEY"] = "SK",
            ["RECUT_S3_PREFIX"] = "recut/",
            ["RECUT_S3_PATH_STYLE"] = "true",
            ["RECUT_S3_REDIRECT"] = "1",
            ["RECUT_SIGNING_SECRET"] = Secret,
        };
        var options = new RecutOptions();
        EnvironmentOverrides.Apply(options, name => env.GetValueOrDefault(name));

        Assert.Equal(("http://minio:9000", "media", "eu-west-1", "AK", "SK"),
            (options.S3.Endpoint, options.S3.Bucket, options.S3.Region, options.S3.AccessKey, options.S3.SecretKey));
        Assert.Equal("recut/", options.S3.NormalizedPrefix);
        Assert.True(options.S3.PathStyle);
        Assert.True(options.S3.Redirect);
        Assert.True(options.S3.Enabled);
        Assert.Equal(Secret, options.SigningSecret);
    }

    [Fact]
    public void Without_a_bucket_nothing_changes()
    {
        var options = new RecutOptions();
        EnvironmentOverrides.Apply(options, _ => null);
        Assert.False(options.S3.Enabled);
        Assert.Null(options.SigningSecret);
        Assert.True(new RecutOptionsValidation().Validate(null, options).Succeeded);
    }

    [Fact]
    public void PostgreSQL_and_S3_without_a_signing_secret_are_refused_naming_it()
    {
        var options = new RecutOptions { Db = Postgres, S3 = { Bucket = "media", Endpoint = "http://127.0.0.1:9000" } };

        var failure = Assert.Single(Failures(options));

        Assert.StartsWith("RECUT_SIGNING_SECRET:", failure, StringComparison.Ordinal);
        Assert.Contains("PostgreSQL and S3", failure, StringComparison.Ordinal);
        options.SigningSecret = Secret;
        Assert.Empty(Failures(options));
    }

    [Fact]
    public void SQLite_and_S3_may_keep_the_secret_file_and_PostgreSQL_alone_may_too()
    {
        Assert.Empty(Failures(new RecutOptions { S3 = { Bucket = "media" } }));
        Assert.Empty(Failures(new RecutOptions { Db = Postgres }));
    }

    [Theory]
    [InlineData("short")]
    [InlineData("                                         x")]
    public void A_signing_secret_shorter_than_32_characters_is_refused(string secret)
    {
        var failure = Assert.Single(Failures(new RecutOptions { SigningSecret = secret }));
        Assert.StartsWith("RECUT_SIGNING_SECRET: must be at least 32 characters", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_bucket_settings_are_each_named()
    {
        var failures = Failures(new RecutOptions
        {
            S3 = { Bucket = "media", Endpoint = "minio:9000", AccessKey = "AK", Prefix = "../up" },
        });

        Assert.Equal(3, failures.Count);
        Assert.Contains(failures, f => f.StartsWith("RECUT_S3_ENDPOINT:", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("RECUT_S3_ACCESS_KEY / RECUT_S3_SECRET_KEY:", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("RECUT_S3_PREFIX:", StringComparison.Ordinal));
        Assert.StartsWith("RECUT_S3_BUCKET:", Assert.Single(Failures(new RecutOptions { S3 = { Endpoint = "http://minio:9000" } })),
            StringComparison.Ordinal);
    }

    [Fact]
    public void Processes_on_separate_folders_sign_alike_with_the_shared_secret_and_write_no_secret_file()
    {
        using var dir = new TempDir("recut-secret-");
        var api = new RecutOptions { DataDirectory = dir.File("api"), SigningSecret = Secret };
        var worker = new RecutOptions { DataDirectory = dir.File("worker"), SigningSecret = Secret };
        var expires = DateTimeOffset.UtcNow.AddHours(24);

        var signature = new ResultUrlSigner(SigningSecret.Resolve(api)).Sign("a.mp4", expires);

        Assert.Equal(signature, new ResultUrlSigner(SigningSecret.Resolve(worker)).Sign("a.mp4", expires));
        Assert.Equal(Encoding.UTF8.GetBytes(Secret), SigningSecret.Resolve(api));
        Assert.False(Directory.Exists(Path.Combine(api.DataDirectory, "secrets")));
        // Without it each folder makes its own random secret: the two would refuse each other's URLs.
        var a = new ResultUrlSigner(SigningSecret.Resolve(new RecutOptions { DataDirectory = dir.File("a") })).Sign("a.mp4", expires);
        var b = new ResultUrlSigner(SigningSecret.Resolve(new RecutOptions { DataDirectory = dir.File("b") })).Sign("a.mp4", expires);
        Assert.NotEqual(a, b);
    }

    private static List<string> Failures(RecutOptions options) =>
        new RecutOptionsValidation().Validate(Options.DefaultName, options) is { Failed: true } result ? [.. result.Failures!] : [];
}
