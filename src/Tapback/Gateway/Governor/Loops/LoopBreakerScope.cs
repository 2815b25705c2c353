using Microsoft.Extensions.Options;
using Tapback.Gateway.Transports;

namespace Tapback.Gateway.Governor.Loops;

/// <summary>
/// Which conversations the loop breaker watches: those on transports that reach real numbers
/// (<see cref="Messaging.TransportCapabilities.PacedByDefault"/>), and with
/// <c>Tapback:Governor:ApplyToSimulator=true</c> the others too (the simulator), as the governor's
/// limits apply. Decided from capabilities, never from a transport's kind.
/// </summary>
internal sealed class LoopBreakerScope(TransportRegistry transports, IOptions<LoopBreakerOptions> options, IConfiguration configuration)
{
    public const string ApplyToSimulatorKey = "Tapback:Governor:ApplyToSimulator";

    // Read once: a wrong value fails the first inbound message's check loudly rather than silently meaning false.
    private readonly bool _applyToSimulator = configuration.GetValue<bool>(ApplyToSimulatorKey);

    public bool Watches(string transport) =>
        options.Value.Enabled
        && transports.TryGet(transport, out var found)
        && (found.Capabilities.PacedByDefault || _applyToSimulator);
}
