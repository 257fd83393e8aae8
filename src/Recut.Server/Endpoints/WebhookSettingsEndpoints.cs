using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Recut.Protocol.Errors;
using Recut.Protocol.Webhooks;
using Recut.Server.Configuration;
using Recut.Server.Webhooks;
using Recut.Tasks.Webhooks;

namespace Recut.Server.Endpoints;

/// <summary>
/// A key's own webhook settings (Recut's addition; DashScope has no webhooks): its default endpoint and filter, its
/// signing secret (shown once, rotated with an overlap) and its delivery log. Any key may use them, static ones too;
/// operators do the same for managed keys with <c>recut keys update --webhook</c> and <c>recut webhooks log</c>.
/// </summary>
public static class WebhookSettingsEndpoints
{
    public const string Path = "/api/v1/webhooks";

    /// <summary>How long the old secret keeps signing beside a new one.</summary>
    public static readonly TimeSpan RotationOverlap = TimeSpan.FromHours(24);

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet(Path, GetAsync).WithName("GetWebhookSettings").WithTags("Webhooks")
            .WithSummary("This key's default webhook endpoint and event filter")
            .Produces<WebhookSettingsBody>().Produces<ErrorBody>(401);
        app.MapPut(Path, PutAsync).WithName("SetWebhookSettings").WithTags("Webhooks")
            .WithSummary("Set (or with url null, clear) this key's default webhook endpoint")
            .WithDescription("Body {\"url\": \"https://…\", \"events\": [\"completed\"]}. Tasks without parameters.webhook_url are "
                + "delivered here. The first call creates the key's signing secret and returns it once.")
            .Accepts<WebhookSettingsRequest>("application/json")
            .Produces<WebhookSettingsBody>().Produces<ErrorBody>(400).Produces<ErrorBody>(401);
        app.MapPost(Path + "/secret", RotateAsync).WithName("RotateWebhookSecret").WithTags("Webhooks")
            .WithSummary("A new signing secret for this key, shown once; the old one keeps signing beside it for 24 h")
            .Produces<WebhookSecretBody>().Produces<ErrorBody>(401);
        app.MapGet(Path + "/deliveries", DeliveriesAsync).WithName("ListWebhookDeliveries").WithTags("Webhooks")
            .WithSummary("This key's delivery attempts, newest first (task_id and limit, at most 200, filter them)")
            .Produces<WebhookDeliveriesBody>().Produces<ErrorBody>(400).Produces<ErrorBody>(401);
    }

    private static async Task<IResult> GetAsync(HttpContext context, AuthenticatedCaller caller, IWebhookStore store)
    {
        var (who, rejection) = await caller.ForQueryAsync(context);
        if (rejection is not null)
        {
            return rejection;
        }
        var endpoint = await store.GetEndpointAsync(who!.TenantId, context.RequestAborted);
        return ApiResponses.Json(Body(endpoint, secret: null, RequestIds.Of(context)));
    }

    private static async Task<IResult> PutAsync(HttpContext context, AuthenticatedCaller caller, IWebhookStore store, IOptions<RecutOptions> options)
    {
        var (who, rejection) = await caller.ForQueryAsync(context);
        if (rejection is not null)
        {
            return rejection;
        }
        WebhookSettingsRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync<WebhookSettingsRequest>(context.Request.Body, Protocol.Json.ProtocolJson.Options, context.RequestAborted);
        }
        catch (JsonException)
        {
            return ApiResponses.Error(context, ErrorCodes.InvalidParameter, "The body must be a JSON object {\"url\": …, \"events\": […]}.");
        }
        string? url = null;
        if (request?.Url is { } raw)
        {
            url = WebhookUrl.Normalize(raw);
            if (url is null)
            {
                return ApiResponses.Error(context, ErrorCodes.InvalidParameter, $"url must be {WebhookUrl.Expected}.");
            }
            if (WebhookTargetCheck.WhyRefused(url, options.Value.AllowPrivateWebhooks) is { } why)
            {
                return ApiResponses.Error(context, ErrorCodes.InvalidParameter, why);
            }
        }
        var events = WebhookEvents.Normalize(request?.Events ?? [], out var unknown);
        if (events is null)
        {
            return ApiResponses.Error(context, ErrorCodes.InvalidParameter, $"events: '{unknown}' is not an event; use {WebhookEvents.Accepted}.");
        }
        var secret = await store.SetEndpointAsync(who!.TenantId, url, events, context.RequestAborted);
        var endpoint = await store.GetEndpointAsync(who.TenantId, context.RequestAborted);
        return ApiResponses.Json(Body(endpoint, secret, RequestIds.Of(context)));
    }

    private static async Task<IResult> RotateAsync(HttpContext context, AuthenticatedCaller caller, IWebhookStore store)
    {
        var (who, rejection) = await caller.ForQueryAsync(context);
        if (rejection is not null)
        {
            return rejection;
        }
        var secret = await store.RotateSecretAsync(who!.TenantId, RotationOverlap, context.RequestAborted);
        var endpoint = await store.GetEndpointAsync(who.TenantId, context.RequestAborted);
        context.Response.Headers.CacheControl = "no-store";
        return ApiResponses.Json(new WebhookSecretBody(secret, endpoint?.PreviousSecretValidUntil?.ToString("O"), RequestIds.Of(context)));
    }

    private static async Task<IResult> DeliveriesAsync(HttpContext context, AuthenticatedCaller caller, IWebhookStore store)
    {
        var (who, rejection) = await caller.ForQueryAsync(context);
        if (rejection is not null)
        {
            return rejection;
        }
        Guid? task = null;
        if (context.Request.Query["task_id"].ToString() is { Length: > 0 } text)
        {
            if (!Guid.TryParse(text, out var id))
            {
                return ApiResponses.Error(context, ErrorCodes.InvalidParameter, "task_id must be a task id.");
            }
            task = id;
        }
        var limit = 50;
        if (context.Request.Query["limit"].ToString() is { Length: > 0 } l && (!int.TryParse(l, out limit) || limit is < 1 or > 200))
        {
            return ApiResponses.Error(context, ErrorCodes.InvalidParameter, "limit must be an integer from 1 to 200.");
        }
        var attempts = await store.ListAttemptsAsync(new WebhookLogQuery(who!.TenantId, task, limit), context.RequestAborted);
        return ApiResponses.Json(new WebhookDeliveriesBody(
            attempts.Select(a => new WebhookDeliveryBody(a.EventId, a.TaskId.ToString(), a.EventType, a.Url, a.At.ToString("O"),
                a.StatusCode, a.DurationMs, a.Outcome, a.Error)).ToList(), RequestIds.Of(context)));
    }

    private static WebhookSettingsBody Body(WebhookEndpoint? endpoint, string? secret, string requestId) => new(
        endpoint?.Url, (endpoint?.Events ?? WebhookEvents.DefaultFilter).Split(','), secret,
        endpoint?.PreviousSecretValidUntil?.ToString("O"), requestId);
}

public sealed record WebhookSettingsRequest(string? Url, IReadOnlyList<string>? Events);

/// <summary><c>secret</c> appears once, when the call created it.</summary>
public sealed record WebhookSettingsBody(string? Url, IReadOnlyList<string> Events, string? Secret, string? PreviousSecretValidUntil, string RequestId);

public sealed record WebhookSecretBody(string Secret, string? PreviousSecretValidUntil, string RequestId);

public sealed record WebhookDeliveriesBody(IReadOnlyList<WebhookDeliveryBody> Deliveries, string RequestId);

public sealed record WebhookDeliveryBody(string WebhookId, string TaskId, string Type, string Url, string At, int? StatusCode,
    int DurationMs, string Outcome, string? Error);
