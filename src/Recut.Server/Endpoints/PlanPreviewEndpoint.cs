using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Recut.Engines;
using Recut.Engines.Local;
using Recut.Engines.Local.Planning;
using Recut.Protocol.Errors;

namespace Recut.Server.Endpoints;

/// <summary>
/// POST /api/v1/plans: how the local engine would read an instruction — the structured plan or the UnsupportedEdit it
/// would fail with — without creating a task or fetching any media. The body is either {"prompt", "reference_images"}
/// or the create call's own body (input.prompt and input.media[]), so a client can preview exactly what it will send.
/// A refusal is a successful preview (200, "supported": false): a console asks on every keystroke.
/// </summary>
public static class PlanPreviewEndpoint
{
    public const string Route = "/api/v1/plans";

    /// <summary>A preview needs the instruction only; a large body is a mistake, not a plan.</summary>
    private const int MaxBodyBytes = 64 * 1024;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost(Route, PreviewAsync).WithName("PreviewPlan").WithTags("Recut")
            .WithSummary("Preview the local engine's plan for an instruction, without creating a task")
            .Produces<PlanPreviewResponse>().Produces<ErrorBody>(400).Produces<ErrorBody>(401).Produces<ErrorBody>(429);
    }

    private static async Task<IResult> PreviewAsync(HttpContext context, AuthenticatedCaller caller, IEnumerable<IEditEngine> engines)
    {
        var (_, rejection) = await caller.ForQueryAsync(context);
        if (rejection is not null)
        {
            return rejection;
        }
        if (engines.OfType<LocalEditEngine>().FirstOrDefault() is not { } local)
        {
            return ApiResponses.Error(context, ErrorCodes.UnsupportedOperation, "Plan previews are made by the local engine, which this server does not run.");
        }
        var (prompt, references, error) = await ReadBodyAsync(context);
        if (error is not null)
        {
            return ApiResponses.Error(context, ErrorCodes.IllegalInput, error);
        }
        var view = PlanView.Of(local.Planner, prompt, references);
        return ApiResponses.Json(new PlanPreviewResponse(view, RequestIds.Of(context)));
    }

    private static async Task<(string? Prompt, int References, string? Error)> ReadBodyAsync(HttpContext context)
    {
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            return (null, 0, $"The body is larger than {MaxBodyBytes / 1024} KB.");
        }
        try
        {
            using var doc = await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, 0, "The body must be a JSON object.");
            }
            if (root.TryGetProperty("input", out var input) && input.ValueKind == JsonValueKind.Object)
            {
                var prompt = input.TryGetProperty("prompt", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
                var media = input.TryGetProperty("media", out var m) && m.ValueKind == JsonValueKind.Array
                    ? m.EnumerateArray().Count(x => x.ValueKind == JsonValueKind.Object && x.TryGetProperty("type", out var t)
                        && t.ValueKind == JsonValueKind.String && t.GetString() == "reference_image")
                    : 0;
                return (prompt, media, null);
            }
            var text = root.TryGetProperty("prompt", out var direct) && direct.ValueKind == JsonValueKind.String ? direct.GetString() : null;
            var count = 0;
            if (root.TryGetProperty("reference_images", out var refs) && (refs.ValueKind != JsonValueKind.Number || !refs.TryGetInt32(out count) || count is < 0 or > 5))
            {
                return (null, 0, "\"reference_images\" must be an integer from 0 to 5.");
            }
            return (text, count, null);
        }
        catch (JsonException e)
        {
            return (null, 0, ErrorMessages.InvalidJson(e.LineNumber ?? 0, e.BytePositionInLine ?? 0));
        }
    }
}

/// <summary>The answer of POST /api/v1/plans.</summary>
public sealed record PlanPreviewResponse(PlanView Plan, string RequestId);
