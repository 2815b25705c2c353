namespace Tapback.Gateway.Watchdog;

/// <summary>
/// <c>Tapback:Transports:&lt;name&gt;:Watchdog:Canary</c>: a message sent now and then to a handle the
/// operator owns, through the transport like any send, that must be delivered within a bound.
/// </summary>
internal sealed class CanaryOptions
{
    /// <summary>The phone number or email address the canary goes to (the operator's own); unset: no canary.</summary>
    public string? Handle { get; set; }

    /// <summary>How often a canary is sent; set together with <see cref="Handle"/>.</summary>
    public TimeSpan? Every { get; set; }

    /// <summary>How long a canary has to show up as delivered before the transport counts as stalled.</summary>
    public TimeSpan Within { get; set; } = TimeSpan.FromMinutes(5);

    public bool Configured => Handle is not null && Every is not null;
}
