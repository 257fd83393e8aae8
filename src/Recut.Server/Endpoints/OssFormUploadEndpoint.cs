using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Recut.Media;
using Recut.Media.Signing;
using Recut.Protocol.Errors;
using Recut.Server.Auth;
using Recut.Server.Configuration;
using Recut.Server.Uploads;

namespace Recut.Server.Endpoints;

/// <summary>
/// POST /api/v1/uploads/form: the <c>upload_host</c> of <see cref="UploadPolicyEndpoint"/>, speaking OSS PostObject so
/// the DashScope SDKs' upload code works unchanged. No Authorization header (OSS has none either): the signed policy
/// in the form is the credential, and it names the tenant. Fields come first and the file last, as OSS requires, so
/// the policy is checked before a byte of the file is stored; the file is then held to the same sniffing, size limits
/// and quotas as POST /api/v1/uploads and stored as that tenant's upload under the client's key.
/// </summary>
public static class OssFormUploadEndpoint
{
    public const string Route = UploadEndpoint.Route + "/form";

    private const long FramingSlack = 64 * 1024;
    private const int MaxFields = 32;
    private const int MaxFieldBytes = 16 * 1024;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost(Route, HandleAsync)
            .WithName("PostUploadForm").WithTags("Uploads")
            .WithSummary("DashScope temporary upload: the OSS-style form upload named by getPolicy's upload_host")
            .WithDescription("""
                multipart/form-data as OSS PostObject: `OSSAccessKeyId`, `Signature`, `policy`, `key`, `x-oss-object-acl`,
                `x-oss-forbid-overwrite`, `success_action_status`, then `file`. Authorised by the signed policy, not a header.
                Errors are OSS XML (`<Error><Code>…</Code><Message>…</Message>…`): 403 `AccessDenied` for a changed
                signature, an expired policy or a key outside `upload_dir`; 409 `FileAlreadyExists`; 400 `InvalidFile.Format`,
                `InvalidFile.Size`, `EntityTooLarge`; 429 `Throttling.StorageQuota`.
                """)
            .DisableAntiforgery()
            .Produces(200).Produces(204);
    }

    private static async Task<IResult> HandleAsync(HttpContext context, UploadStore store, UploadQuota quota, UploadPolicySigner signer,
        TimeProvider time, IOptions<RecutOptions> options)
    {
        var maxRequest = store.MaxBytes + FramingSlack;
        if (context.Request.ContentLength > maxRequest)
        {
            return TooLarge(context);
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = maxRequest;
        }
        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var type)
            || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 } boundary)
        {
            return OssXml.Error(context, 400, OssErrorCodes.InvalidArgument, "Send the upload as multipart/form-data.");
        }
        try
        {
            return await BodyReadErrors.WithDeadlineAsync(context, TimeSpan.FromSeconds(Math.Max(1, options.Value.UploadTimeoutSeconds)),
                t => ReadAndStoreAsync(context, boundary, store, quota, signer, time, t));
        }
        catch (InvalidDataException)
        {
            // The reader's own text describes its internals; the caller needs the shape.
            return OssXml.Error(context, 400, OssErrorCodes.MalformedPostRequest, "The body of your POST request is not well-formed multipart/form-data.");
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(context);
        }
    }

    private static async Task<IResult> ReadAndStoreAsync(HttpContext context, string boundary, UploadStore store, UploadQuota quota,
        UploadPolicySigner signer, TimeProvider time, CancellationToken ct)
    {
        var reader = new MultipartReader(boundary, context.Request.Body);
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        while (await reader.ReadNextSectionAsync(ct) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
            {
                continue;
            }
            var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
            if (name.Equals("file", StringComparison.OrdinalIgnoreCase))
            {
                return await StoreAsync(context, fields, section.Body, store, quota, signer, time, ct);
            }
            if (fields.Count >= MaxFields)
            {
                return OssXml.Error(context, 400, OssErrorCodes.InvalidArgument, $"A form upload may carry at most {MaxFields} fields before the file.");
            }
            if (await ReadFieldAsync(section.Body, ct) is not { } value)
            {
                return OssXml.Error(context, 400, OssErrorCodes.InvalidArgument, $"The form field {name} is longer than {MaxFieldBytes} bytes.");
            }
            fields[name] = value;
        }
        return OssXml.Error(context, 400, OssErrorCodes.InvalidArgument, "The form must end with the file, in a field named \"file\".");
    }

    private static async Task<IResult> StoreAsync(HttpContext context, IReadOnlyDictionary<string, string> fields, Stream file,
        UploadStore store, UploadQuota quota, UploadPolicySigner signer, TimeProvider time, CancellationToken ct)
    {
        var (accepted, refusal) = FormPolicyCheck.Check(fields, signer, time.GetUtcNow());
        if (refusal is not null)
        {
            return OssXml.Error(context, refusal.Status, refusal.Code, refusal.Message);
        }
        var policy = accepted!.Policy;
        using var allowance = await quota.OpenAsync(new Caller(policy.TenantId, policy.QuotaLimits), ct);
        try
        {
            var upload = await store.SaveObjectAsync(policy.TenantId, accepted.FolderId, accepted.ObjectName, file, ct, total =>
            {
                if (total > policy.MaxBytes)
                {
                    throw new PolicySizeExceededException();
                }
                allowance.EnsureReserved(total);
            });
            allowance.Commit(upload.Size);
        }
        catch (PolicySizeExceededException)
        {
            return TooLarge(context);
        }
        catch (UploadExistsException e)
        {
            return OssXml.Error(context, StatusCodes.Status409Conflict, OssErrorCodes.FileAlreadyExists, e.Message);
        }
        catch (UploadQuotaExceededException e)
        {
            return OssXml.Error(context, StatusCodes.Status429TooManyRequests, ErrorCodes.StorageQuota, e.Message);
        }
        catch (MediaException e)
        {
            return OssXml.Error(context, StatusCodes.Status400BadRequest, e.Code, e.Message);
        }
        return fields.GetValueOrDefault("success_action_status") switch
        {
            "200" => Results.Ok(),
            "201" => OssXml.Created($"oss://{accepted.Key}", UploadStore.Bucket, accepted.Key),
            _ => Results.NoContent(),
        };
    }

    /// <summary>A field's text, or null past <see cref="MaxFieldBytes"/> (a policy is a few hundred bytes; nothing here is large).</summary>
    private static async Task<string?> ReadFieldAsync(Stream body, CancellationToken ct)
    {
        var buffer = new byte[MaxFieldBytes + 1];
        var length = await body.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, ct);
        return length > MaxFieldBytes ? null : System.Text.Encoding.UTF8.GetString(buffer, 0, length);
    }

    private static IResult TooLarge(HttpContext context) =>
        OssXml.Error(context, StatusCodes.Status400BadRequest, OssErrorCodes.EntityTooLarge, "Your proposed upload exceeds the maximum allowed size.");

    private sealed class PolicySizeExceededException() : Exception("content-length-range");
}
