using System.ComponentModel.DataAnnotations;

namespace Tapback.Gateway.Actions;

/// <summary>The limits of what an agent may do, the same on every surface (<c>Tapback:Actions</c>).</summary>
internal sealed class ActionOptions
{
    public const string SectionName = "Tapback:Actions";

    /// <summary>
    /// The key this limit had when only REST and MCP applied it; still read when
    /// <c>Tapback:Actions:MaxBodyLength</c> is not set, so existing configuration keeps its limit.
    /// </summary>
    public const string MaxBodyLengthAlias = "Tapback:Rest:MaxBodyLength";

    /// <summary>The longest text one send may carry, in characters, whichever surface asks; longer is refused.</summary>
    [Range(1, 1_000_000)]
    public int MaxBodyLength { get; set; } = 20_000;

    /// <summary>How long an idempotency key is remembered; older keys are swept hourly.</summary>
    public TimeSpan KeyRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// How long an answer to "is this handle on iMessage?" is reused before the transport is asked again.
    /// Asking is a call to the provider (through BlueBubbles, to Apple with the operator's Apple ID), and
    /// whether a number is on iMessage rarely changes; zero asks every time.
    /// </summary>
    public TimeSpan LookupFreshFor { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How far ahead a send may be scheduled (<c>send_at</c>); Messages' own Send Later reaches 14 days.</summary>
    public TimeSpan MaxScheduleAhead { get; set; } = TimeSpan.FromDays(14);
}
