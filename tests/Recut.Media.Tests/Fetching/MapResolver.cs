using System.Net;
using System.Net.Sockets;
using Recut.Media.Fetching;

namespace Recut.Media.Tests.Fetching;

/// <summary>Answers every name with fixed addresses (none = "not found") and records what was asked.</summary>
internal sealed class MapResolver(params IPAddress[] answer) : IHostResolver
{
    public List<string> Asked { get; } = [];

    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct)
    {
        lock (Asked)
        {
            Asked.Add(host);
        }
        return answer.Length == 0
            ? Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound))
            : Task.FromResult(answer);
    }
}
