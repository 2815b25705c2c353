using System.Net;
using System.Net.Sockets;

namespace Tapback.Tests.Infrastructure;

internal static class LoopbackPorts
{
    /// <summary>An address on 127.0.0.1 where nothing listens, so connecting is refused at once.</summary>
    public static Uri Closed()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}");
    }
}
