using System.Text.Json;
using System.Text.Json.Serialization;
using Recut.Protocol.Requests;

namespace Recut.Tasks;

/// <summary>
/// How the stores keep the request and usage inside a task row. Owned here rather than borrowed from
/// the wire options so a change in the wire format can never make stored rows unreadable.
/// </summary>
internal static class TaskJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Serialize(EditRequest request) => JsonSerializer.Serialize(request, Options);

    public static string Serialize(TaskUsage usage) => JsonSerializer.Serialize(usage, Options);

    public static EditRequest ReadRequest(string json) =>
        JsonSerializer.Deserialize<EditRequest>(json, Options)
        ?? throw new InvalidDataException("A stored task has an empty request.");

    public static TaskUsage? ReadUsage(string? json) =>
        json is null ? null : JsonSerializer.Deserialize<TaskUsage>(json, Options);
}
