using System.Text.Json;

namespace Recut.Client;

/// <summary>Reads answers: JSON on success, the error body {code, message, request_id} as a <see cref="RecutApiException"/> otherwise.</summary>
internal static class ApiResponse
{
    public static async Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response, CancellationToken ct)
    {
        await EnsureSuccessAsync(response, ct).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        return JsonDocument.Parse(text);
    }

    public static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }
        var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        string code = "HttpError", message = $"HTTP {(int)response.StatusCode}", requestId = "";
        try
        {
            using var doc = JsonDocument.Parse(text);
            var root = doc.RootElement;
            code = root.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString()! : code;
            message = root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : message;
            requestId = root.TryGetProperty("request_id", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString()! : "";
        }
        catch (JsonException)
        {
            message = text.Length > 200 ? text[..200] : text;
        }
        throw new RecutApiException((int)response.StatusCode, code, message, requestId);
    }

    public static string? RequestIdOf(JsonElement root) =>
        root.TryGetProperty("request_id", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
}
