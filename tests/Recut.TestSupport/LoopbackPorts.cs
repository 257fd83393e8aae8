using System.Net;
using System.Net.Sockets;

namespace Recut.TestSupport;

/// <summary>Ports on 127.0.0.1 for servers a test starts.</summary>
public static class LoopbackPorts
{
    /// <summary>
    /// A port nothing listens on right now (the system picks it, the listener is closed again): free for a server the
    /// test is about to start, and refused for a client that is meant to find nobody there.
    /// </summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
