using System.Text.Json.Serialization;

namespace Recut.Protocol.Requests;

/// <summary>Which wire dialect a route speaks (API.md §3).</summary>
/// <remarks>Written as its name in JSON (a stored task row stays readable and survives reordering);
/// numbers are still read, so rows written before this attribute load too.</remarks>
[JsonConverter(typeof(JsonStringEnumConverter<Dialect>))]
public enum Dialect
{
    /// <summary>Alibaba DashScope, routes under <c>/api/v1</c>.</summary>
    DashScope,
    /// <summary>The APIYI gateway, create under <c>/wan</c>, poll <c>/v1/tasks</c>.</summary>
    Apiyi,
}
