namespace Tapback.Gateway.Governor;

/// <summary>
/// <c>Tapback:Governor</c>: the limits that hold an agent's sends before a number looks like spam
/// (docs/governor.md gives the public figure behind each default). 0 turns a limit off. Each transport
/// instance may override any limit under <c>Tapback:Transports:&lt;name&gt;:Governor</c>.
/// </summary>
internal sealed class GovernorOptions
{
    public const string SectionName = "Tapback:Governor";

    /// <summary>Messages to one person since their last message (messages.dev: at most 5 unanswered per contact).</summary>
    public int UnansweredLimit { get; set; } = 5;

    /// <summary>Messages to one person in 60 s (Linq: at most 30 in 60 s per sender–recipient pair).</summary>
    public int PerRecipientPerMinute { get; set; } = 30;

    /// <summary>Conversations an agent starts per gateway number in a rolling day (Sendblue and Photon: 50 new contacts a line a day).</summary>
    public int NewConversationsPerDay { get; set; } = 50;

    /// <summary>Outbound messages per inbound one over the last day (messages.dev: at most 10:1).</summary>
    public int OutboundRatio { get; set; } = 10;

    /// <summary>
    /// How many messages a number sends in a day before the ratio judges it: a number that sent only a
    /// few is not a spammer for lack of answers, and one quiet evening must not hold the first sends of the next.
    /// </summary>
    public int OutboundRatioFloor { get; set; } = 50;

    /// <summary>True applies the limits to the simulator too, to watch them work; it reaches no real phone, so off by default.</summary>
    public bool ApplyToSimulator { get; set; }

    /// <summary>The limit keys, as a transport instance's <c>Governor</c> section may override them.</summary>
    public static IReadOnlyList<string> LimitKeys { get; } =
        [nameof(UnansweredLimit), nameof(PerRecipientPerMinute), nameof(NewConversationsPerDay), nameof(OutboundRatio), nameof(OutboundRatioFloor)];

    public GovernorLimits Limits => new(UnansweredLimit, PerRecipientPerMinute, NewConversationsPerDay, OutboundRatio, OutboundRatioFloor);
}
