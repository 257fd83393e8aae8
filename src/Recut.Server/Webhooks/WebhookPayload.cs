using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Recut.Protocol.Json;
using Recut.Protocol.Webhooks;
using Recut.Server.Configuration;
using Recut.Server.Endpoints;
using Recut.Tasks;
using Recut.Tasks.Webhooks;

namespace Recut.Server.Webhooks;

/// <summary>
/// The body of a delivery: the task exactly as the DashScope query returns it (<c>request_id</c>, <c>output</c>,
/// <c>usage</c>), so a client's existing parser reads it, plus <c>type</c> ("task.succeeded") and <c>timestamp</c>
/// (ISO 8601 UTC, when the state changed). A running or progress event shows the task as it was then, not as it is
/// when a late retry goes out.
/// </summary>
public sealed class WebhookPayload(TaskRendering rendering, IOptions<RecutOptions> options)
{
    public byte[] Build(WebhookDelivery delivery, EditTask task)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        ArgumentNullException.ThrowIfNull(task);
        var snapshot = delivery.EventType is WebhookEvents.Running or WebhookEvents.Progress
            ? task with
            {
                Status = EditTaskStatus.Running,
                Progress = delivery.Progress,
                EndTime = null,
                ResultKey = null,
                Usage = null,
                ErrorCode = null,
                ErrorMessage = null,
            }
            : task;
        var baseUrl = string.IsNullOrWhiteSpace(options.Value.PublicBaseUrl)
            ? (delivery.PublicBase ?? "").TrimEnd('/')
            : options.Value.PublicBaseUrl.TrimEnd('/');
        var body = ToJsonObject(rendering.DashScope(baseUrl, snapshot, task.RequestId));
        var message = new JsonObject
        {
            ["type"] = delivery.EventType,
            ["timestamp"] = delivery.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var (name, value) in body)
        {
            message[name] = value?.DeepClone();
        }
        return System.Text.Encoding.UTF8.GetBytes(message.ToJsonString(ProtocolJson.Options));
    }

    private static JsonObject ToJsonObject<T>(T value) =>
        JsonNode.Parse(ProtocolJson.SerializeToUtf8Bytes(value))!.AsObject();
}
