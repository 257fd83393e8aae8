using System.Text.Json.Serialization;
using Recut.Protocol.Errors;
using Recut.Protocol.Requests;
using Recut.Protocol.Responses;

namespace Recut.Protocol.Json;

/// <summary>Source-generated metadata for the protocol's own records; use it through <see cref="ProtocolJson.Options"/>.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(EditRequest))]
[JsonSerializable(typeof(ErrorBody))]
[JsonSerializable(typeof(CreateTaskResponse))]
[JsonSerializable(typeof(DashScopeTaskResponse))]
[JsonSerializable(typeof(ApiyiTaskResponse))]
[JsonSerializable(typeof(TaskListResponse))]
[JsonSerializable(typeof(CancelResponse))]
public sealed partial class ProtocolJsonContext : JsonSerializerContext;
