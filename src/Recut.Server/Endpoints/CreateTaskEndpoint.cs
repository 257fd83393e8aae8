using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Recut.Protocol.Errors;
using Recut.Protocol.Requests;
using Recut.Protocol.Responses;
using Recut.Server.Configuration;
using Recut.Server.Observability;
using Recut.Server.Workers;
using Recut.Tasks;

namespace Recut.Server.Endpoints;

/// <summary>POST …/video-synthesis in both dialects (API.md §2–§3).</summary>
public static class CreateTaskEndpoint
{
    public const string DashScopePath = "/api/v1/services/aigc/video-generation/video-synthesis";
    public const string ApiyiPath = "/wan/api/v1/services/aigc/video-generation/video-synthesis";
    private const int MaxBodyBytes = 1 << 20;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost(DashScopePath, (HttpContext c, CreateTaskHandler h) => h.HandleAsync(c, Dialect.DashScope))
            .WithName("CreateTaskDashScope").WithTags("DashScope dialect")
            .WithSummary("Create a video-edit task (DashScope dialect: 0–4 reference images, default 1080P)")
            .Produces<CreateTaskResponse>().Produces<ErrorBody>(400).Produces<ErrorBody>(401).Produces<ErrorBody>(403)
            .Produces<ErrorBody>(404).Produces<ErrorBody>(408).Produces<ErrorBody>(429);
        app.MapPost(ApiyiPath, (HttpContext c, CreateTaskHandler h) => h.HandleAsync(c, Dialect.Apiyi))
            .WithName("CreateTaskApiyi").WithTags("APIYI dialect")
            .WithSummary("Create a video-edit task (APIYI dialect: 1–5 reference images, prompt required, default 720P)")
            .Produces<CreateTaskResponse>().Produces<ErrorBody>(400).Produces<ErrorBody>(401).Produces<ErrorBody>(403)
            .Produces<ErrorBody>(404).Produces<ErrorBody>(408).Produces<ErrorBody>(429);
    }

    /// <summary>Reads at most <paramref name="limit"/> bytes; null when the body is larger.</summary>
    internal static async Task<byte[]?> ReadCappedAsync(HttpRequest request, int limit, CancellationToken ct)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    internal static int BodyLimit => MaxBodyBytes;

    /// <summary>application/json (any charset) or a +json type; a client that sends none is given the benefit of the doubt.</summary>
    public static bool IsJsonContentType(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return true;
        }
        var media = contentType.Split(';')[0].Trim();
        return media.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || media.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }
}

/// <summary>The create request's checks in the order a client meets them: key, async header, body, limits.</summary>
public sealed class CreateTaskHandler(AuthenticatedCaller caller, ITaskStore store, TaskWakeup wakeup, RecutMetrics metrics,
    IOptions<RecutOptions> options)
{
    public async Task<IResult> HandleAsync(HttpContext context, Dialect dialect)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (who, rejection) = await caller.ForSubmitAsync(context);
        if (rejection is not null)
        {
            return Reject(context, ErrorCodes.InvalidApiKey, rejection);
        }
        if (!string.Equals(context.Request.Headers["X-DashScope-Async"].ToString(), "enable", StringComparison.OrdinalIgnoreCase))
        {
            return Reject(context, new ApiError(ErrorCodes.AccessDenied, ErrorMessages.SynchronousNotSupported));
        }
        if (!CreateTaskEndpoint.IsJsonContentType(context.Request.ContentType))
        {
            return Reject(context, new ApiError(ErrorCodes.IllegalInput,
                $"Content-Type must be application/json; got '{context.Request.ContentType}'."));
        }
        // The body is small (≤ 1 MB): it must arrive within the create deadline, whatever its data rate.
        var body = await BodyReadErrors.WithDeadlineAsync(context, TimeSpan.FromSeconds(Math.Max(1, options.Value.CreateBodyTimeoutSeconds)),
            t => CreateTaskEndpoint.ReadCappedAsync(context.Request, CreateTaskEndpoint.BodyLimit, t));
        if (body is null)
        {
            return Reject(context, new ApiError(ErrorCodes.InvalidParameter,
                $"The request body exceeds the limit of {CreateTaskEndpoint.BodyLimit} bytes."));
        }
        var parsed = CreateRequestParser.Parse(body, dialect);
        if (parsed.Error is { } error)
        {
            return Reject(context, error);
        }
        var request = parsed.Request!;
        if (request.WebhookUrl is { } hook && Webhooks.WebhookTargetCheck.WhyRefused(hook, options.Value.AllowPrivateWebhooks) is { } refused)
        {
            return Reject(context, new ApiError(ErrorCodes.InvalidParameter, "parameters.webhook_url: " + refused));
        }
        if (parsed.UsesOss && !string.Equals(context.Request.Headers["X-DashScope-OssResourceResolve"].ToString(), "enable", StringComparison.OrdinalIgnoreCase))
        {
            return Reject(context, new ApiError(ErrorCodes.InvalidParameter, ErrorMessages.OssResolveRequired));
        }
        if (!caller.TrySubmit(who!))
        {
            return Reject(context, new ApiError(ErrorCodes.RateQuota, ErrorMessages.SubmitThrottled));
        }
        var idempotencyKey = context.Request.Headers["Idempotency-Key"].ToString();
        var requestId = RequestIds.Of(context);
        try
        {
            var outcome = await store.CreateAsync(new NewEditTask(who!.TenantId, request, requestId,
                string.IsNullOrWhiteSpace(idempotencyKey) ? null : idempotencyKey,
                RequestFingerprint.Compute(request),
                new QueueLimits(Math.Max(0, options.Value.MaxPendingPerKey), Math.Max(0, options.Value.MaxPendingTotal)),
                PublicBase.Of(context, options.Value)), context.RequestAborted);
            if (outcome.Created)
            {
                metrics.TasksCreated.Add(1, new KeyValuePair<string, object?>("dialect", dialect.ToString()));
                wakeup.Notify();
            }
            return ApiResponses.Json(new CreateTaskResponse(
                new CreateTaskOutput(outcome.Task.Id.ToString(), outcome.Task.Status.Wire()), requestId));
        }
        catch (IdempotencyConflictException)
        {
            return Reject(context, new ApiError(ErrorCodes.InvalidParameter, ErrorMessages.IdempotencyKeyReused));
        }
        catch (QueueFullException e)
        {
            // API.md §6: a full queue → 429 Throttling. Counted in the insert's own transaction, like the quota.
            return Reject(context, new ApiError(ErrorCodes.Throttling, e.WholeService ? ErrorMessages.ServerQueueFull : ErrorMessages.QueueFull));
        }
        catch (DailyQuotaExceededException e)
        {
            // Checked by the store in the insert's own transaction: no race lets a key past its quota.
            return Reject(context, new ApiError(ErrorCodes.AllocationQuota, e.Message));
        }
    }

    private IResult Reject(HttpContext context, ApiError error) => Reject(context, error.Code, ApiResponses.Error(context, error));

    private IResult Reject(HttpContext context, string code, IResult result)
    {
        metrics.Rejected.Add(1, new KeyValuePair<string, object?>("code", code));
        return result;
    }
}
