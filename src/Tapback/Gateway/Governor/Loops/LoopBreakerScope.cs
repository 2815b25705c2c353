using Microsoft.Extensions.Options;

namespace Tapback.Gateway.Governor.Loops;

/// <summary>
/// Which conversations the loop breaker watches: those the governor governs (<see cref="GovernorPolicy.Governs(string)"/>:
/// transports that reach real numbers, the simulator with <c>Tapback:Governor:ApplyToSimulator=true</c>,
/// never a remote gateway), so a held send and a paused conversation always agree on where they apply.
/// </summary>
internal sealed class LoopBreakerScope(GovernorPolicy governor, IOptions<LoopBreakerOptions> options)
{
    public bool Watches(string transport) => options.Value.Enabled && governor.Governs(transport);
}
