namespace Recut.Protocol.Responses;

/// <summary>200 answer to a successful cancel: only the request id, as upstream answers.</summary>
public sealed record CancelResponse(string RequestId);
