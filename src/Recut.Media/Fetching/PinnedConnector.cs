using System.Net;
using System.Net.Sockets;

namespace Recut.Media.Fetching;

/// <summary>
/// The HTTP handler's connect step: resolve the host once, refuse addresses the policy forbids, and
/// open the socket to exactly the address that was checked, so a DNS answer cannot change between
/// the check and the connection (DNS rebinding). Every redirect hop comes through here too.
/// Failures are <see cref="MediaException"/>s, which the fetcher unwraps from HttpRequestException.
/// </summary>
internal sealed class PinnedConnector(AddressPolicy policy, IHostResolver resolver, TimeSpan connectTimeout)
{
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host.Trim('[', ']');
        var port = context.DnsEndPoint.Port;
        var addresses = await ResolveAsync(host, ct).ConfigureAwait(false);
        var allowed = addresses.Where(policy.IsAllowed).ToList();
        if (allowed.Count == 0)
        {
            var first = addresses[0];
            throw new MediaException(MediaErrorCodes.InvalidUrl,
                $"The URL's host '{host}' resolves to {first}, {policy.WhyRefused(first)}, which Recut does not fetch from.");
        }

        using var timeout = new CancellationTokenSource(connectTimeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        SocketException? last = null;
        foreach (var address in allowed)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, port), linked.Token).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !ct.IsCancellationRequested)
            {
                socket.Dispose();
                throw new MediaException(MediaErrorCodes.UrlTimeout,
                    $"Connecting to {host}:{port} timed out after {connectTimeout.TotalSeconds:0.#} s.");
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        throw last?.SocketErrorCode switch
        {
            SocketError.ConnectionRefused => new MediaException(MediaErrorCodes.UrlConnectionRefused,
                $"The server {host}:{port} refused the connection.", last),
            SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.HostDown => new MediaException(
                MediaErrorCodes.UrlConnectionRefused, $"The server {host}:{port} is unreachable.", last),
            SocketError.TimedOut => new MediaException(MediaErrorCodes.UrlTimeout,
                $"Connecting to {host}:{port} timed out.", last),
            _ => new MediaException(MediaErrorCodes.DataInspection,
                $"Could not connect to {host}:{port} ({last?.SocketErrorCode}).", last),
        };
    }

    private async Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct)
    {
        if (IPAddress.TryParse(host, out var literal))
        {
            return [literal];
        }
        IPAddress[] addresses;
        try
        {
            addresses = await resolver.ResolveAsync(host, ct).ConfigureAwait(false);
        }
        catch (SocketException e)
        {
            throw new MediaException(MediaErrorCodes.DataInspection, $"The host '{host}' could not be resolved.", e);
        }
        if (addresses.Length == 0)
        {
            throw new MediaException(MediaErrorCodes.DataInspection, $"The host '{host}' has no addresses.");
        }
        return addresses;
    }
}
