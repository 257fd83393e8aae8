using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Recut.Media.Rules;
using Recut.Media.Signing;
using Recut.Protocol.Errors;
using Recut.Server.Configuration;
using Recut.Server.Uploads;

namespace Recut.Server.Endpoints;

/// <summary>
/// GET /api/v1/uploads?action=getPolicy&amp;model=…: DashScope's upload credential, which its SDKs ask for before they
/// upload a local file. The answer names this server's own form-upload route as <c>upload_host</c>, a fresh folder
/// of the upload bucket as <c>upload_dir</c>, and a policy signed for the calling key only
/// (<see cref="OssFormUploadEndpoint"/> checks it).
/// </summary>
public static class UploadPolicyEndpoint
{
    public const string Action = "getPolicy";

    /// <summary>DashScope's own answer carries an effectively unlimited capacity; the quotas are enforced on upload.</summary>
    private const int CapacityLimitMb = 999_999_999;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet(UploadEndpoint.Route, Handle)
            .WithName("GetUploadPolicy").WithTags("Uploads")
            .WithSummary("DashScope temporary upload: get a signed policy for a form upload (action=getPolicy)")
            .WithDescription("""
                What the official DashScope SDKs call before uploading a local file. Post a multipart form to `data.upload_host`
                with the fields `OSSAccessKeyId`, `Signature`, `policy`, `key` = `{upload_dir}/{file name}`, `x-oss-object-acl`,
                `x-oss-forbid-overwrite`, `success_action_status` = `200` and, last, `file`; then use `oss://{key}` in
                `input.media[].url` with the header `X-DashScope-OssResourceResolve: enable`. The policy is valid for
                `expire_in_seconds`, for any number of files in its folder, and only for the key that asked for it.
                """)
            .Produces<UploadPolicyResponse>()
            .Produces<ErrorBody>(400).Produces<ErrorBody>(401).Produces<ErrorBody>(429);
    }

    private static async Task<IResult> Handle(HttpContext context, string? action, string? model, AuthenticatedCaller caller,
        UploadStore store, UploadPolicySigner signer, TimeProvider time, IOptions<RecutOptions> options)
    {
        var (who, rejection) = await caller.ForQueryAsync(context);
        if (rejection is not null)
        {
            return rejection;
        }
        if (!string.Equals(action, Action, StringComparison.Ordinal))
        {
            return ApiResponses.Error(context, ErrorCodes.InvalidParameter,
                $"Unsupported action; use action={Action} (or POST a multipart file to {UploadEndpoint.Route}).");
        }
        if (string.IsNullOrWhiteSpace(model))
        {
            return ApiResponses.Error(context, ErrorCodes.InvalidParameter, "The query parameter model is required for action=getPolicy.");
        }
        var seconds = Math.Max(1, options.Value.UploadPolicySeconds);
        var folder = $"{UploadStore.Bucket}/{RandomNumberGenerator.GetHexString(32, lowercase: true)}";
        var policy = new UploadPolicy(time.GetUtcNow().AddSeconds(seconds), store.MaxBytes, folder + "/", who!.TenantId,
            who.Limits.UploadDailyMb, who.Limits.UploadHeldMb).Encode();
        var data = new UploadPolicyData(
            Policy: policy,
            Signature: signer.Sign(policy),
            UploadDir: folder,
            UploadHost: PublicBase.Of(context, options.Value) + OssFormUploadEndpoint.Route,
            ExpireInSeconds: seconds,
            MaxFileSizeMb: (int)(store.MaxBytes / MediaLimits.MiB),
            CapacityLimitMb: CapacityLimitMb,
            OssAccessKeyId: FormPolicyCheck.AccessKeyId,
            XOssObjectAcl: UploadPolicy.ObjectAcl,
            XOssForbidOverwrite: UploadPolicy.ForbidOverwrite);
        return ApiResponses.Json(new UploadPolicyResponse(RequestIds.Of(context), data));
    }
}
