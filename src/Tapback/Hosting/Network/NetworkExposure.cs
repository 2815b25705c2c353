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
/// A proxy nobody declared is caught by what it adds: a request that carries a forwarding header came
/// through one, whatever the listener, and is taken for the network's (browsers and curl send none).
/// </remarks>
internal sealed class NetworkExposure(IServer server, IHostApplicationLifetime lifetime, IOptions<ForwardedHeadersSettings> forwarded)
{
    private NetworkExposureDecision? _decision;

    private static readonly string[] ForwardingHeaders = ["Forwarded", "X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto", "X-Real-IP"];

    /// <summary>Whether this request may come from another machine: Tapback is on the network, or a proxy relayed it.</summary>
    public bool FromNetwork(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Current.OnNetwork || ForwardingHeaders.Any(request.Headers.ContainsKey);
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
