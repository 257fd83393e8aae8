using System.Globalization;
using System.Text.Json;
using Recut.Tasks.Keys;

namespace Recut.Server.Uploads;

/// <summary>
/// What one getPolicy answer allows, as the base64 JSON policy document OSS PostObject uses (expiration plus
/// conditions: size range, key prefix, ACL, no overwrite), with one member of Recut's own: the tenant the upload
/// belongs to and that key's own upload quotas. The document is signed whole (<see cref="Recut.Media.Signing.UploadPolicySigner"/>),
/// so none of it can be changed by the holder; a quota change reaches the form upload when the policy is next issued.
/// </summary>
public sealed record UploadPolicy(DateTimeOffset Expiration, long MaxBytes, string KeyPrefix, string TenantId,
    int? UploadDailyMb, int? UploadHeldMb)
{
    /// <summary>The object ACL and overwrite rule every Recut policy demands, as DashScope's own policies do.</summary>
    public const string ObjectAcl = "private";
    public const string ForbidOverwrite = "true";

    public ApiKeyLimits QuotaLimits => new(UploadDailyMb: UploadDailyMb, UploadHeldMb: UploadHeldMb);

    public string Encode()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("expiration", Expiration.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            json.WriteStartArray("conditions");
            json.WriteStartArray();
            json.WriteStringValue("content-length-range");
            json.WriteNumberValue(0);
            json.WriteNumberValue(MaxBytes);
            json.WriteEndArray();
            json.WriteStartArray();
            json.WriteStringValue("starts-with");
            json.WriteStringValue("$key");
            json.WriteStringValue(KeyPrefix);
            json.WriteEndArray();
            json.WriteStartObject();
            json.WriteString("x-oss-object-acl", ObjectAcl);
            json.WriteEndObject();
            json.WriteStartObject();
            json.WriteString("x-oss-forbid-overwrite", ForbidOverwrite);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteStartObject("recut");
            json.WriteString("tenant", TenantId);
            WriteOptional(json, "upload_daily_mb", UploadDailyMb);
            WriteOptional(json, "upload_held_mb", UploadHeldMb);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return Convert.ToBase64String(buffer.ToArray());
    }

    /// <summary>
    /// The policy in <paramref name="base64"/>, or null when it is not one of ours. Only called after the signature
    /// matched, so null means a policy from an older Recut or a bug, never a forgery.
    /// </summary>
    public static UploadPolicy? TryDecode(string base64)
    {
        try
        {
            using var doc = JsonDocument.Parse(Convert.FromBase64String(base64));
            var root = doc.RootElement;
            var expiration = DateTimeOffset.Parse(root.GetProperty("expiration").GetString()!, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
            long? max = null;
            string? prefix = null;
            foreach (var condition in root.GetProperty("conditions").EnumerateArray())
            {
                if (condition.ValueKind != JsonValueKind.Array)
                {
                    continue;
                }
                var first = condition[0].GetString();
                if (first == "content-length-range")
                {
                    max = condition[2].GetInt64();
                }
                else if (first == "starts-with" && condition[1].GetString() == "$key")
                {
                    prefix = condition[2].GetString();
                }
            }
            var recut = root.GetProperty("recut");
            var tenant = recut.GetProperty("tenant").GetString();
            if (max is null || string.IsNullOrEmpty(prefix) || string.IsNullOrEmpty(tenant))
            {
                return null;
            }
            return new UploadPolicy(expiration, max.Value, prefix, tenant, ReadOptional(recut, "upload_daily_mb"), ReadOptional(recut, "upload_held_mb"));
        }
        catch (Exception e) when (e is FormatException or JsonException or KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>The policy's JSON text, for error messages that quote a failed condition as OSS does.</summary>
    public string PrefixCondition => $"[\"starts-with\", \"$key\", \"{KeyPrefix}\"]";

    private static void WriteOptional(Utf8JsonWriter json, string name, int? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
    }

    private static int? ReadOptional(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : null;
}
