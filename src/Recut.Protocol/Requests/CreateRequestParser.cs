using System.Text;
using System.Text.Json;
using Recut.Protocol.Errors;

namespace Recut.Protocol.Requests;

/// <summary>
/// Turns a create-request body into a validated <see cref="EditRequest"/> with every default applied, or into the
/// exact <see cref="ApiError"/> API.md §2–§3 prescribe. Checks run in the order a client fixes them: body, model,
/// input, prompt, media, parameters; the first problem found is the one reported. Unknown keys are ignored.
/// </summary>
public static class CreateRequestParser
{
    /// <summary>Deeper nesting is refused outright: no valid request is more than four levels deep.</summary>
    public const int MaxDepth = 64;

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        MaxDepth = MaxDepth,
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
        // Two "model" members could be read differently by a proxy and by us: refuse the ambiguity.
        AllowDuplicateProperties = false,
    };

    public static ParseResult Parse(string body, Dialect dialect)
    {
        ArgumentNullException.ThrowIfNull(body);
        return Parse(Encoding.UTF8.GetBytes(body), dialect);
    }

    public static ParseResult Parse(ReadOnlySpan<byte> utf8Body, Dialect dialect)
    {
        var rules = DialectRules.For(dialect);
        // Some clients (PowerShell, Windows editors) send a UTF-8 byte order mark; it is not part of the JSON.
        if (utf8Body.StartsWith(Encoding.UTF8.Preamble))
        {
            utf8Body = utf8Body[Encoding.UTF8.Preamble.Length..];
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Body.ToArray(), DocumentOptions);
        }
        catch (JsonException e)
        {
            // The parser's own text names .NET internals; where the body broke is what the caller needs.
            return ParseResult.Invalid(new ApiError(ErrorCodes.IllegalInput, ErrorMessages.InvalidJson(e.LineNumber ?? 0, e.BytePositionInLine ?? 0)));
        }
        using (document)
        {
            try
            {
                return Read(document.RootElement, rules);
            }
            catch (ApiErrorException e)
            {
                return ParseResult.Invalid(e.Error);
            }
        }
    }

    private static ParseResult Read(JsonElement root, DialectRules rules)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw JsonFields.IllegalInput($"The request body must be a JSON object; got a JSON {Kind(root)}.");
        }
        CheckModel(root);
        if (!JsonFields.TryGet(root, "input", out var input) || input.ValueKind != JsonValueKind.Object)
        {
            throw new ApiErrorException(ErrorCodes.EmptyInput, ErrorMessages.EmptyInput);
        }
        var prompt = ReadPrompt(input, rules);
        var negativePrompt = ReadText(input, "negative_prompt", TextLimit.MaxNegativePrompt);
        var media = MediaSelection.Read(input, rules);
        var parameters = EditParameters.Read(root, rules);

        var request = new EditRequest
        {
            Model = EditRequest.ModelId,
            Prompt = prompt,
            NegativePrompt = string.IsNullOrEmpty(negativePrompt) ? null : negativePrompt,
            VideoUrl = media.VideoUrl,
            ReferenceImageUrls = media.ReferenceImageUrls,
            Resolution = parameters.Resolution,
            Ratio = parameters.Ratio,
            Duration = parameters.Duration,
            AudioSetting = parameters.AudioSetting,
            PromptExtend = parameters.PromptExtend,
            Watermark = parameters.Watermark,
            Seed = parameters.Seed,
            Dialect = rules.Dialect,
            WebhookUrl = parameters.WebhookUrl,
            WebhookEvents = parameters.WebhookEvents,
        };
        return ParseResult.Valid(request, media.UsesOss);
    }

    private static void CheckModel(JsonElement root)
    {
        if (!JsonFields.TryGet(root, "model", out var value))
        {
            throw new ApiErrorException(ErrorCodes.EmptyModel, ErrorMessages.EmptyModel);
        }
        var model = JsonFields.AsString(value) ?? throw JsonFields.InvalidValue("model", "a string", value);
        if (model.Length == 0)
        {
            throw new ApiErrorException(ErrorCodes.EmptyModel, ErrorMessages.EmptyModel);
        }
        if (model == EditRequest.ModelId)
        {
            return;
        }
        throw new ApiErrorException(ErrorCodes.ModelNotFound, ModelNameCheck.IsNearMiss(model)
            ? ErrorMessages.ModelNotExistDidYouMean(EditRequest.ModelId)
            : ErrorMessages.ModelNotExist);
    }

    private static string ReadPrompt(JsonElement input, DialectRules rules)
    {
        var prompt = ReadText(input, "prompt", TextLimit.MaxPrompt) ?? "";
        if (rules.PromptRequired && string.IsNullOrWhiteSpace(prompt))
        {
            throw JsonFields.InvalidParameter("input.prompt is required on the APIYI route and must not be empty");
        }
        return prompt;
    }

    /// <summary>An optional string member, silently cut to <paramref name="maxElements"/> characters as upstream does.</summary>
    private static string? ReadText(JsonElement input, string name, int maxElements)
    {
        if (!JsonFields.TryGet(input, name, out var value))
        {
            return null;
        }
        var text = JsonFields.AsString(value) ?? throw JsonFields.InvalidValue($"input.{name}", "a string", value);
        // No instruction needs one, and PostgreSQL cannot store it: refused here as the client's error, not a 500 later.
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            throw JsonFields.InvalidParameter($"input.{name} must not contain a NUL character (\\u0000)");
        }
        return TextLimit.Truncate(text, maxElements);
    }

    private static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };
}
