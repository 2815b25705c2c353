using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Options;
using Tapback.Gateway.Transports;
using Tapback.Messaging;

namespace Tapback.Gateway.Governor;

/// <summary>
/// Which transports the governor's limits apply to, and with which figures. A transport whose number
/// Apple can flag (<see cref="TransportCapabilities.PacedByDefault"/>: BlueBubbles, a Mac's Messages, the
/// hosted providers) is governed; the simulator (<see cref="TransportCapabilities.Simulated"/>) only with <see cref="GovernorOptions.ApplyToSimulator"/>;
/// a remote gateway never (the gateway it sends through governs its own number). Read once per
/// instance: the options are checked at start and do not change while Tapback runs.
/// </summary>
internal sealed class GovernorPolicy(IOptions<GovernorOptions> options, IConfiguration configuration, TransportRegistry transports)
{
    private readonly ConcurrentDictionary<string, GovernorLimits?> _byTransport = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The section a transport instance overrides the limits in.</summary>
    public static string OverridesOf(string transport) => $"Tapback:Transports:{transport}:Governor";

    /// <summary>The limits the named transport instance's sends keep to; null when the governor does not apply to it.</summary>
    public GovernorLimits? For(string transport) => _byTransport.GetOrAdd(transport, Resolve);

    private GovernorLimits? Resolve(string name)
    {
        if (!transports.TryGet(name, out var transport) || !Governs(transport, options.Value.ApplyToSimulator))
        {
            return null;
        }

        var limits = options.Value.Limits;
        var section = configuration.GetSection(OverridesOf(transport.Name));
        foreach (var key in GovernorOptions.LimitKeys)
        {
            if (TryParseLimit(section[key], out var value))
            {
                limits = limits.With(key, value);
            }
        }

        return limits;
    }

    private static bool Governs(IMessageTransport transport, bool applyToSimulator) =>
        transport.Capabilities.PacedByDefault || (applyToSimulator && transport.Capabilities.Simulated);

    /// <summary>A limit as configuration writes it: a whole number, 0 for off.</summary>
    public static bool TryParseLimit(string? text, out int value) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value) && value >= 0;
}
