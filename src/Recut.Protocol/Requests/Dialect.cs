namespace Recut.Protocol.Requests;

/// <summary>Which wire dialect a route speaks (API.md §3).</summary>
public enum Dialect
{
    /// <summary>Alibaba DashScope, routes under <c>/api/v1</c>.</summary>
    DashScope,
    /// <summary>The APIYI gateway, create under <c>/wan</c>, poll <c>/v1/tasks</c>.</summary>
    Apiyi,
}
