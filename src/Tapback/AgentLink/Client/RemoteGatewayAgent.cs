using Microsoft.Extensions.Options;
using Tapback.Client;
using Tapback.Messaging;

namespace Tapback.AgentLink.Client;

/// <summary>The one Tapback.Client agent client this process connects to the remote gateway with, on the host's clock and jitter.</summary>
internal static class RemoteGatewayAgent
{
    public static TapbackAgentClient Create(IServiceProvider services)
    {
        var settings = services.GetRequiredService<IOptions<RemoteGatewayOptions>>().Value;
        var tokens = services.GetRequiredService<GatewayTokenStore>();
        var jitter = services.GetRequiredService<IJitter>();
        string? token = null;
        return new TapbackAgentClient(new TapbackAgentOptions
        {
            Gateway = settings.Url!,
            Phone = settings.Phone!,

            // Asked before each attempt until it succeeds: a gateway not up yet only means trying again;
            // a refused code throws and stops the host with a message naming the key.
            TokenProvider = async cancellationToken => token ??= await tokens.GetAsync(cancellationToken),
            TimeProvider = services.GetRequiredService<TimeProvider>(),
            Jitter = jitter.NextDouble,
        });
    }
}
