using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Recut.Server.Hosting;

/// <summary>
/// What the generator cannot see, because the create and upload handlers read the raw body and headers themselves
/// (to give protocol errors instead of framework ones): the create body with the reference request as its example,
/// the headers a create needs (declared, so generated clients and the /docs "test request" send them — without
/// <c>X-DashScope-Async</c> every create is 403), response examples, the multipart forms, and which operations need
/// the bearer key (all but the signed result download, the policy-signed form upload and the operations routes).
/// </summary>
public static class OpenApiOperations
{
    public const string AsyncHeader = "X-DashScope-Async";
    public const string OssResolveHeader = "X-DashScope-OssResourceResolve";

    /// <summary>Operations a caller reaches without a key: each is authorised some other way, or not at all.</summary>
    private static readonly HashSet<string> Open = new(StringComparer.Ordinal) { "GetResult", "PostUploadForm" };

    private const string CreatedExample = """
        {"output":{"task_id":"0f1c2d3e-4b5a-6978-8a9b-0c1d2e3f4a5b","task_status":"PENDING"},
         "request_id":"7d0c9a3e-5f2b-4e1a-9c8d-1b2a3c4d5e6f"}
        """;

    private const string ErrorExample = """
        {"code":"AccessDenied","message":"current user api does not support synchronous calls.",
         "request_id":"7d0c9a3e-5f2b-4e1a-9c8d-1b2a3c4d5e6f"}
        """;

    /// <summary>The reference request of the project (APIYI dialect; valid in the DashScope dialect too).</summary>
    public const string ReferenceRequest = """
        {"model":"wan2.7-videoedit",
         "input":{"prompt":"Give the video the colour look of the reference image",
                  "media":[{"type":"video","url":"https://example.com/in.mp4"},
                           {"type":"reference_image","url":"https://example.com/look.png"}]},
         "parameters":{"resolution":"720P","prompt_extend":true,"watermark":true}}
        """;

    public static Task Apply(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        ApplySecurity(operation, context.Document);
        switch (operation.OperationId)
        {
            case "CreateTaskDashScope" or "CreateTaskApiyi":
                operation.Parameters ??= [];
                operation.Parameters.Add(HeaderParameter(AsyncHeader, required: true,
                    "Required, and only `enable`: tasks are asynchronous. Without it the create answers 403 `AccessDenied`."));
                operation.Parameters.Add(HeaderParameter(OssResolveHeader, required: false,
                    "`enable` when any media url is `oss://…` (from an upload); without it such a create answers 400 `InvalidParameter`."));
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = "Idempotency-Key",
                    In = ParameterLocation.Header,
                    Required = false,
                    Description = "(Recut) The same key and body within 24 h return the same task; the same key with another body is 400.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 256 },
                });
                Example(operation, "200", CreatedExample);
                Example(operation, "403", ErrorExample);
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Description = "The edit request. Header `X-DashScope-Async: enable` is required; "
                        + "`X-DashScope-OssResourceResolve: enable` too when a url is oss://.",
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        ["application/json"] = new() { Schema = CreateBodySchema(), Example = JsonNode.Parse(ReferenceRequest) },
                    },
                };
                break;
            case "UploadMedia":
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        ["multipart/form-data"] = new()
                        {
                            Schema = Object(new() { ["file"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = "The video or image." } }, "file"),
                        },
                    },
                };
                break;
            case "PostUploadForm":
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        ["multipart/form-data"] = new()
                        {
                            Schema = Object(new()
                            {
                                ["OSSAccessKeyId"] = Text("data.oss_access_key_id of getPolicy."),
                                ["Signature"] = Text("data.signature of getPolicy."),
                                ["policy"] = Text("data.policy of getPolicy."),
                                ["key"] = Text("{data.upload_dir}/{file name}; the file is then oss://{key}."),
                                ["x-oss-object-acl"] = Text("data.x_oss_object_acl of getPolicy.", "private"),
                                ["x-oss-forbid-overwrite"] = Text("data.x_oss_forbid_overwrite of getPolicy.", "true"),
                                ["success_action_status"] = Text("200 (what the SDKs send): 200 with an empty body; 201: XML PostResponse; else 204.", "200", "201", "204"),
                                ["file"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = "The video or image; last in the form." },
                            }, "OSSAccessKeyId", "Signature", "policy", "key", "file"),
                        },
                    },
                };
                break;
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// The bearer requirement on every operation that checks the key, and an explicit empty list on the others, so a
    /// generated client neither sends the key where it does not belong (the form upload stands in for a foreign bucket)
    /// nor forgets it where it does.
    /// </summary>
    private static void ApplySecurity(OpenApiOperation operation, OpenApiDocument? document)
    {
        var open = operation.OperationId is { } id && Open.Contains(id)
            || operation.Tags?.Any(t => t.Name is "Operations" or "Console") == true;
        operation.Security = open
            ? []
            : [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(OpenApiDescription.BearerScheme, document)] = [] }];
    }

    private static OpenApiParameter HeaderParameter(string name, bool required, string description) => new()
    {
        Name = name,
        In = ParameterLocation.Header,
        Required = required,
        Description = description,
        Schema = new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Enum = [JsonValue.Create("enable")],
            Default = JsonValue.Create("enable"),
        },
        Example = JsonValue.Create("enable"),
    };

    private static void Example(OpenApiOperation operation, string status, string json)
    {
        if (operation.Responses?.TryGetValue(status, out var response) == true
            && response.Content?.TryGetValue("application/json", out var media) == true && media is OpenApiMediaType concrete)
        {
            concrete.Example = JsonNode.Parse(json);
        }
    }

    private static OpenApiSchema CreateBodySchema()
    {
        var media = Object(new()
        {
            ["type"] = Text("`video` (exactly one) or `reference_image` (DashScope 0–4, APIYI 1–5)", "video", "reference_image"),
            ["url"] = Text("http://, https:// or oss://recut-uploads/… (from POST /api/v1/uploads)"),
        }, "type", "url");
        var input = Object(new()
        {
            ["prompt"] = Text("The edit instruction; up to 5000 characters (more is cut off). Required in the APIYI dialect."),
            ["negative_prompt"] = Text("What to avoid; up to 500 characters."),
            ["media"] = new OpenApiSchema { Type = JsonSchemaType.Array, Items = media },
        }, "media");
        var parameters = Object(new()
        {
            ["resolution"] = Text("Default 720P (APIYI) or 1080P (DashScope).", "720P", "1080P"),
            ["ratio"] = Text("Absent: the listed ratio nearest the input video's.", "16:9", "9:16", "1:1", "4:3", "3:4"),
            ["duration"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Description = "0 keeps the whole input; 2–10 cuts from 0 s." },
            ["audio_setting"] = Text("`origin` keeps the source audio track.", "auto", "origin"),
            ["prompt_extend"] = new OpenApiSchema { Type = JsonSchemaType.Boolean, Description = "Default true: rewrite the instruction into an explicit plan (actual_prompt)." },
            ["watermark"] = new OpenApiSchema { Type = JsonSchemaType.Boolean, Description = "Default false: \"AI生成\" bottom-right." },
            ["seed"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Description = "0–2147483647; equal seed and inputs give identical output." },
            ["webhook_url"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Format = "uri",
                Description = "Recut extension (DashScope ignores it): POST this task's events here, signed the Standard Webhooks way "
                    + "(webhook-id, webhook-timestamp, webhook-signature; the key's secret from POST /api/v1/webhooks/secret). The body is "
                    + "the DashScope query answer plus `type` and `timestamp`. Retried with backoff for up to 24 h. Absent: the key's "
                    + "default endpoint (PUT /api/v1/webhooks), if any.",
            },
            ["webhook_events"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Array,
                Items = Text("An event", "running", "progress", "succeeded", "failed", "canceled", "completed"),
                Description = "Recut extension: which events go to webhook_url; `completed` = succeeded, failed and canceled. "
                    + "Default: all but progress (progress comes in steps of at least ten points).",
            },
        });
        return Object(new()
        {
            ["model"] = Text("Exactly wan2.7-videoedit.", "wan2.7-videoedit"),
            ["input"] = input,
            ["parameters"] = parameters,
        }, "model", "input");
    }

    private static OpenApiSchema Object(Dictionary<string, IOpenApiSchema> properties, params string[] required) => new()
    {
        Type = JsonSchemaType.Object,
        Properties = properties,
        Required = new HashSet<string>(required, StringComparer.Ordinal),
    };

    private static OpenApiSchema Text(string description, params string[] values) => new()
    {
        Type = JsonSchemaType.String,
        Description = description,
        Enum = values.Length == 0 ? null : values.Select(v => (JsonNode)JsonValue.Create(v)).ToList(),
    };
}
