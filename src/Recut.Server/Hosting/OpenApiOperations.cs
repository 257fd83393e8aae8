using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Recut.Server.Hosting;

/// <summary>
/// Request bodies the generator cannot see, because the create and upload handlers read the raw body themselves
/// (to give protocol errors instead of framework ones): the create body with the reference request as its example,
/// and the multipart upload form.
/// </summary>
public static class OpenApiOperations
{
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
        switch (operation.OperationId)
        {
            case "CreateTaskDashScope" or "CreateTaskApiyi":
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
        }
        return Task.CompletedTask;
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
