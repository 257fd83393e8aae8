using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Recut.DashScopeSimulator;

/// <summary>Temporary files (getPolicy + OSS form upload) and result URLs.</summary>
public sealed partial class DashScopeSimulator
{
    private const string OssAccessKeyId = "LTAI5tSimulatorOssKey";
    private readonly byte[] _policySecret = RandomNumberGenerator.GetBytes(32);
    private readonly ConcurrentDictionary<string, (string Account, string Model, DateTimeOffset Expires)> _policies = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Upload> _uploads = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Result> _results = new(StringComparer.Ordinal);
    private readonly HttpClient _fetcher = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Object keys of every file uploaded so far.</summary>
    public IReadOnlyList<string> UploadedKeys => _uploads.Keys.ToList();

    private sealed record Upload(string Account, string Model, string Path, DateTimeOffset Expires);
    private sealed record Result(string Path, DateTimeOffset ExpiresAt);

    private void MapFileRoutes(WebApplication app)
    {
        app.MapGet("/api/v1/uploads", c => WithFaultsAsync(c, SimOperation.GetPolicy, () => Task.FromResult(GetPolicy(c))));
        app.MapPost("/oss", c => WithFaultsAsync(c, SimOperation.Upload, () => ReceiveUploadAsync(c)));
        app.MapGet("/results/{id}.mp4", c => WithFaultsAsync(c, SimOperation.Result, () => Task.FromResult(ServeResult(RouteId(c)))));
    }

    private IResult GetPolicy(HttpContext context)
    {
        var (account, _, error) = Authenticate(context);
        if (error is not null)
        {
            return error;
        }
        var model = context.Request.Query["model"].ToString();
        if (context.Request.Query["action"] != "getPolicy" || model.Length == 0)
        {
            return SimJson.Error(400, "InvalidParameter", "action=getPolicy and model are required.");
        }
        var dir = $"dashscope-instant/{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(account!)))[..16]}/{Now:yyyy-MM-dd}/{Guid.NewGuid():N}";
        var expires = Now + Settings.PolicyLifetime;
        var policy = Convert.ToBase64String(Encoding.UTF8.GetBytes(new JsonObject
        {
            ["expiration"] = expires.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["conditions"] = new JsonArray(new JsonArray("content-length-range", 0, Settings.MaxUploadBytes), new JsonArray("starts-with", "$key", dir)),
        }.ToJsonString()));
        _policies[dir] = (account!, model, expires);
        return SimJson.Ok(new JsonObject
        {
            ["request_id"] = SimJson.NewRequestId(),
            ["data"] = new JsonObject
            {
                ["policy"] = policy,
                ["signature"] = Sign(policy),
                ["upload_dir"] = dir,
                ["upload_host"] = new Uri(BaseUrl, "oss").ToString(),
                ["expire_in_seconds"] = (int)Settings.PolicyLifetime.TotalSeconds,
                ["max_file_size_mb"] = Settings.MaxUploadBytes / (1024 * 1024),
                ["capacity_limit_mb"] = 999999999,
                ["oss_access_key_id"] = OssAccessKeyId,
                ["x_oss_object_acl"] = "private",
                ["x_oss_forbid_overwrite"] = "true",
            },
        });
    }

    private async Task<IResult> ReceiveUploadAsync(HttpContext context)
    {
        if (!context.Request.HasFormContentType)
        {
            return SimJson.OssError(400, "InvalidArgument", "The body of your POST request is not well-formed multipart/form-data.");
        }
        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        var key = form["key"].ToString();
        var policy = form["policy"].ToString();
        var file = form.Files.GetFile("file");
        if (form["OSSAccessKeyId"] != OssAccessKeyId || !CryptographicOperations.FixedTimeEquals(
                Encoding.UTF8.GetBytes(form["Signature"].ToString()), Encoding.UTF8.GetBytes(Sign(policy))))
        {
            return SimJson.OssError(403, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided.");
        }
        var dir = _policies.Keys.FirstOrDefault(d => key.StartsWith(d + "/", StringComparison.Ordinal));
        if (dir is null || !_policies.TryGetValue(dir, out var granted))
        {
            return SimJson.OssError(403, "AccessDenied", "Invalid according to Policy: Policy Condition failed: [\"starts-with\", \"$key\"]");
        }
        if (granted.Expires <= Now)
        {
            return SimJson.OssError(403, "AccessDenied", "Invalid according to Policy: Policy expired.");
        }
        if (file is null || file.Length == 0)
        {
            return SimJson.OssError(400, "InvalidArgument", "The form has no file field.");
        }
        if (file.Length > Settings.MaxUploadBytes)
        {
            return SimJson.OssError(400, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed size.");
        }
        if (form["x-oss-forbid-overwrite"] == "true" && _uploads.ContainsKey(key))
        {
            return SimJson.OssError(409, "FileAlreadyExists", "The object you specified already exists and can not be overwritten.");
        }
        var path = Path.Combine(_root, "uploads", Guid.NewGuid().ToString("N"));
        await using (var target = File.Create(path))
        {
            await file.CopyToAsync(target, context.RequestAborted).ConfigureAwait(false);
        }
        _uploads[key] = new Upload(granted.Account, granted.Model, path, Now + Settings.UploadLifetime);
        return int.TryParse(form["success_action_status"], out var s) && s is 200 or 201 ? Results.StatusCode(s) : Results.NoContent();
    }

    private IResult ServeResult(string token)
    {
        if (!_results.TryGetValue(token, out var result))
        {
            return SimJson.OssError(404, "NoSuchKey", "The specified key does not exist.");
        }
        return result.ExpiresAt <= Now
            ? SimJson.OssError(403, "AccessDenied", "Request has expired.")
            : Results.File(result.Path, "video/mp4", enableRangeProcessing: true);
    }

    private bool TryResolveUpload(string ossUrl, string account, out string path)
    {
        path = "";
        if (_uploads.TryGetValue(ossUrl["oss://".Length..], out var upload) && upload.Account == account && upload.Model == Model && upload.Expires > Now)
        {
            path = upload.Path;
            return true;
        }
        return false;
    }

    /// <summary>The task's "edited" video: its input, fetched (http) or read back (oss://), and its duration.</summary>
    private async Task ProduceResultAsync(SimTask task, CancellationToken ct)
    {
        await task.ProduceLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (task.ResultToken is not null || task.LateFailure is not null)
            {
                return;
            }
            var url = (task.Body["input"]!["media"] as JsonArray)!.First(m => m!["type"]!.GetValue<string>() == "video")!["url"]!.GetValue<string>();
            var target = Path.Combine(_root, "results", Guid.NewGuid().ToString("N") + ".mp4");
            if (url.StartsWith("oss://", StringComparison.Ordinal))
            {
                if (!TryResolveUpload(url, task.Account, out var source))
                {
                    task.LateFailure = ("InvalidParameter.DataInspection", "The media format is not supported or incorrect for the data inspection.");
                    return;
                }
                File.Copy(source, target);
            }
            else
            {
                try
                {
                    await using var stream = await _fetcher.GetStreamAsync(new Uri(url), ct).ConfigureAwait(false);
                    await using var file = File.Create(target);
                    await stream.CopyToAsync(file, ct).ConfigureAwait(false);
                }
                catch (HttpRequestException e)
                {
                    task.LateFailure = ("InvalidURL.ConnectionRefused", "Failed to download the video: " + e.Message);
                    return;
                }
            }
            task.InputSeconds = await DurationAsync(target, ct).ConfigureAwait(false);
            var requested = task.Body["parameters"]?["duration"]?.GetValue<int>() ?? 0;
            task.OutputSeconds = requested >= 2 ? Math.Min(requested, task.InputSeconds) : task.InputSeconds;
            var token = Guid.NewGuid().ToString("N");
            _results[token] = new Result(target, Now + Settings.ResultUrlLifetime);
            task.ResultToken = token;
        }
        finally
        {
            task.ProduceLock.Release();
        }
    }

    private static async Task<double> DurationAsync(string path, CancellationToken ct)
    {
        var psi = new ProcessStartInfo("ffprobe") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", path })
        {
            psi.ArgumentList.Add(a);
        }
        using var p = Process.Start(psi)!;
        var text = await p.StandardOutput.ReadToEndAsync(ct).ConfigureAwait(false);
        await p.WaitForExitAsync(ct).ConfigureAwait(false);
        return double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? Math.Round(d, 2) : 0;
    }

    // OSS signs POST policies (signature version 1) with HMAC-SHA1; the simulator does what OSS does.
#pragma warning disable CA5350
    private string Sign(string policy) => Convert.ToBase64String(HMACSHA1.HashData(_policySecret, Encoding.UTF8.GetBytes(policy)));
#pragma warning restore CA5350
}
