using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Tapback.Hosting.Network;

/// <summary>
/// Whether anyone but this machine can reach Tapback, decided once from the addresses the server
/// really bound (so <c>--urls</c>, <c>URLS</c>, Kestrel endpoints in configuration and port 0 all count
/// as they are) and from whether a reverse proxy is declared: behind one, a loopback listener still
/// takes the network's requests. Until the server has started, the answer is "on the network".
/// </summary>
/// <remarks>
/// A proxy nobody declared is caught by what it adds: a request that carries a forwarding header, or
/// that names a host other than this machine, came through one, whatever the listener, and is taken
/// for the network's. A proxy that adds no forwarding header and passes its upstream's loopback
/// address as Host (nginx's bare <c>proxy_pass</c>) is not caught: declare it (docs/security.md).
/// </remarks>
internal sealed class NetworkExposure(IServer server, IHostApplicationLifetime lifetime, IOptions<ForwardedHeadersSettings> forwarded)
{
    private NetworkExposureDecision? _decision;

    private static readonly string[] ForwardingHeaders = ["Forwarded", "X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto", "X-Real-IP"];

    /// <summary>
    /// Whether this request may come from another machine: Tapback is on the network, a proxy relayed
    /// it, or it names a host that is not this machine. The last is DNS rebinding: a web page whose
    /// name an attacker points at 127.0.0.1 reaches a loopback-only Tapback from the operator's own
    /// browser, with its own name in Host.
    /// </summary>
    public bool FromNetwork(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Current.OnNetwork
            || ForwardingHeaders.Any(request.Headers.ContainsKey)
            || !ListenAddresses.IsLoopbackHost(request.Host.Host);
    }

    public NetworkExposureDecision Current
    {
        get
        {
            if (_decision is { } decided)
            {
                return decided;
            }

            if (!lifetime.ApplicationStarted.IsCancellationRequested)
            {
                return NetworkExposureDecision.NotStarted;
            }

            var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var decision = NetworkExposureDecision.Decide([.. addresses], forwarded.Value.IsConfigured);
            return Interlocked.CompareExchange(ref _decision, decision, null) ?? decision;
        }
    }
}
