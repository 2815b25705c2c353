using Microsoft.Extensions.Options;
using Tapback.Gateway.Transports;

namespace Tapback.Gateway.Routing;

/// <summary>
/// Decides, in one place, which agent link an inbound event goes to. Later a paired integration takes
/// precedence; today the built-in agent answers the senders it is allowed to answer, and everyone
/// else's messages are stored and answered by no one.
/// </summary>
internal sealed class MessageRouter(IOptions<BuiltInAgentAccessOptions> options, TransportRegistry transports)
{
    public string? Route(string transport, string from)
    {
        var access = options.Value;
        if (!access.Enabled)
        {
            return null;
        }

        if (access.AllowFrom.Count == 0)
        {
            return transports.TryGet(transport, out var known) && known.Kind == "Simulator" ? AgentLinks.BuiltIn : null;
        }

        return access.AllowFrom.Any(allowed => allowed == "*" || string.Equals(allowed, from, StringComparison.Ordinal))
            ? AgentLinks.BuiltIn
            : null;
    }
}
