using System.Reflection;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Recut.Protocol.Errors;
using Scalar.AspNetCore;

namespace Recut.Server.Hosting;

/// <summary>Title, description, auth scheme and the error catalogue of the OpenAPI document.</summary>
public static class OpenApiDescription
{
    public const string BearerScheme = "bearer";

    /// <summary>
    /// The document at /openapi/v1.json. Schemas are generated with the wire's snake_case names (the minimal-API JSON
    /// options are what the generator reads), and the create/upload operations get hand-written bodies and examples.
    /// </summary>
    public static IServiceCollection AddRecutOpenApi(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
        return services.AddOpenApi("v1", o =>
        {
            o.AddDocumentTransformer(Apply);
            o.AddOperationTransformer(OpenApiOperations.Apply);
        });
    }

    /// <summary>
    /// The reference UI at /docs. Scalar's bundle is served from the package; everything that would call out to the
    /// internet from a self-hosted server (telemetry, CDN fonts, the AI agent, the hosted developer toolbar) is off.
    /// </summary>
    public static void ConfigureReference(ScalarOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        o.WithTitle("Recut API reference").WithOpenApiRoutePattern("/openapi/{documentName}.json");
        o.Telemetry = false;
        o.DefaultFonts = false;
        o.ShowDeveloperTools = DeveloperToolsVisibility.Never;
        o.Agent = new ScalarAgentOptions { Disabled = true };
        o.Mcp = new ScalarMcpOptions { Disabled = true };
        o.HideClientButton = true;
    }

    public static Task Apply(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Info = new OpenApiInfo
        {
            Title = "Recut API",
            Version = "v1",
            Description = """
                Recut speaks the Wan 2.7 video-edit protocol (`wan2.7-videoedit`) in two dialects: DashScope (`/api/v1/...`)
                and APIYI (create under `/wan/...`, poll `/v1/tasks/{id}`). Every call needs `Authorization: Bearer <key>`;
                creates also need `X-DashScope-Async: enable`. Result URLs are signed and need no key.
                Files can be uploaded first — DashScope's way (`GET /api/v1/uploads?action=getPolicy`, then the form upload
                to its `upload_host`), as the official SDKs do for a local path, or in one request (`POST /api/v1/uploads`,
                multipart) — and named by their `oss://` URL, with `X-DashScope-OssResourceResolve: enable` on the create
                call. A web console is served at `/console/`.

                Reference request (APIYI dialect):
                ```json
                {"model":"wan2.7-videoedit",
                 "input":{"prompt":"Give the video the colour look of the reference image",
                          "media":[{"type":"video","url":"https://example.com/in.mp4"},
                                   {"type":"reference_image","url":"https://example.com/look.png"}]},
                 "parameters":{"resolution":"720P","prompt_extend":true,"watermark":true}}
                ```

                Errors are `{"code","message","request_id"}`; the table below lists every code.
                """ + "\n\n" + ErrorCatalogue(),
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "Authorization: Bearer <API key>",
        };
        document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] }];
        return Task.CompletedTask;
    }

    /// <summary>Every code of <see cref="ErrorCodes"/> with its HTTP status, generated so a new code cannot be left out.</summary>
    internal static string ErrorCatalogue()
    {
        var text = new StringBuilder("| code | HTTP status | where |\n|---|---|---|\n");
        var codes = typeof(ErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .Distinct()
            .OrderBy(ErrorStatus.For).ThenBy(c => c, StringComparer.Ordinal);
        foreach (var code in codes)
        {
            text.Append("| `").Append(code).Append("` | ").Append(ErrorStatus.For(code)).Append(" | ").Append(Where(code)).Append(" |\n");
        }
        return text.ToString();
    }

    private static string Where(string code) => code switch
    {
        _ when code.StartsWith("InvalidFile.", StringComparison.Ordinal) || code.StartsWith("InvalidURL.", StringComparison.Ordinal)
            || code == ErrorCodes.DataInspection => "in a FAILED task (media checks); also from POST /api/v1/uploads",
        _ when code.StartsWith("UnsupportedEdit", StringComparison.Ordinal) => "in a FAILED task (the local engine cannot do the edit)",
        ErrorCodes.AlgoError or ErrorCodes.Timeout => "in a FAILED task",
        ErrorCodes.UnsupportedOperation => "cancel of a task that is not PENDING",
        ErrorCodes.TaskNotFound => "GET /v1/tasks/{id} (APIYI shape)",
        ErrorCodes.SignatureDoesNotMatch => "result URLs",
        _ => "HTTP answer",
    };
}
