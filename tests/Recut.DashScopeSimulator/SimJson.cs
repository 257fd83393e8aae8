using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Recut.DashScopeSimulator;

/// <summary>Answers in upstream's shapes: JSON error bodies for the API, XML for OSS.</summary>
internal static class SimJson
{
    public static string NewRequestId() => Guid.NewGuid().ToString();

    public static IResult Ok(JsonObject body) => Results.Text(body.ToJsonString(), "application/json;charset=UTF-8", Encoding.UTF8, 200);

    public static IResult Error(int status, string code, string message) =>
        Results.Text(new JsonObject { ["request_id"] = NewRequestId(), ["code"] = code, ["message"] = message }.ToJsonString(),
            "application/json;charset=UTF-8", Encoding.UTF8, status);

    public static IResult OssError(int status, string code, string message) =>
        Results.Text($"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>\n  <Code>{code}</Code>\n  <Message>{message}</Message>\n  <RequestId>{Guid.NewGuid():N}</RequestId>\n</Error>",
            "application/xml", Encoding.UTF8, status);

    public static string WireTime(DateTimeOffset t) => t.UtcDateTime.AddHours(8).ToString("yyyy-MM-dd HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture);
}
