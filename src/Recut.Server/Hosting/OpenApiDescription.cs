using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Recut.Server.Hosting;

/// <summary>Title, description, auth scheme and the error catalogue of the OpenAPI document.</summary>
public static class OpenApiDescription
{
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

                Reference request (APIYI dialect):
                ```json
                {"model":"wan2.7-videoedit",
                 "input":{"prompt":"Give the video the colour look of the reference image",
                          "media":[{"type":"video","url":"https://example.com/in.mp4"},
                                   {"type":"reference_image","url":"https://example.com/look.png"}]},
                 "parameters":{"resolution":"720P","prompt_extend":true,"watermark":true}}
                ```

                Errors are `{"code","message","request_id"}`. Codes → HTTP status:
                400 InvalidParameter, InvalidParameter.DataInspection, InvalidURL, InvalidURL.*, InvalidFile.*, BadRequest.EmptyInput,
                BadRequest.EmptyParameters, BadRequest.EmptyModel, BadRequest.IllegalInput, UnsupportedOperation, DataInspectionFailed ·
                401 InvalidApiKey · 403 AccessDenied, SignatureDoesNotMatch · 404 ModelNotFound, TaskNotFound · 429 Throttling,
                Throttling.RateQuota · 500 InternalError, InternalError.Algo, InternalError.Timeout · 503 ModelUnavailable.
                Task-level failures (in the task, not the HTTP status): the InvalidFile.*/InvalidURL.* media codes, UnsupportedEdit,
                UnsupportedEdit.NoPerson, InternalError.*.
                """,
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "Authorization: Bearer <API key>",
        };
        document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] }];
        return Task.CompletedTask;
    }
}
