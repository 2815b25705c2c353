namespace Tapback.Messaging;

/// <summary>
/// What a transport can really do. The agent and the outbox read these and degrade gracefully:
/// no typing indicator where there is none, no read receipt where the provider cannot send one.
/// </summary>
internal sealed record TransportCapabilities
{
    public bool Typing { get; init; }
    public bool ReadReceipts { get; init; }
    public bool TapbacksSent { get; init; }
    public bool TapbacksReceived { get; init; }
    public bool Attachments { get; init; }
    public bool VoiceNotes { get; init; }

    /// <summary>The transport can edit a message it sent (Apple: up to 5 edits within 15 minutes).</summary>
    public bool Edits { get; init; }

    /// <summary>The transport can unsend a message it sent (Apple: within 2 minutes).</summary>
    public bool Unsends { get; init; }

    /// <summary>The transport can send a message as an inline (threaded) reply to another.</summary>
    public bool Replies { get; init; }

    /// <summary>The transport can send a message with a bubble or screen effect (<see cref="MessageEffect"/>).</summary>
    public bool Effects { get; init; }

    /// <summary>The transport reports the person's own typing indicator (<c>typing.started</c> / <c>typing.stopped</c>).</summary>
    public bool TypingReceived { get; init; }

    /// <summary>The transport can say whether a handle is on iMessage (<see cref="IHandleLookup"/>).</summary>
    public bool HandleLookup { get; init; }

    /// <summary>The transport can send a contact card (a vCard), as a file or through a call of its own.</summary>
    public bool ContactCards { get; init; }

    public bool Groups { get; init; }

    /// <summary>
    /// True when the transport itself drops a repeated send with the same idempotency key, so an
    /// outbox row whose outcome is unknown after a crash can safely be sent again.
    /// </summary>
    public bool IdempotentSends { get; init; }

    /// <summary>
    /// True when the transport reaches real phones through a number Apple can flag, so its sends keep
    /// to the conservative pace unless its <c>Pacing</c> section says otherwise. The simulator reaches
    /// no one and a remote gateway paces its own sends.
    /// </summary>
    public bool PacedByDefault { get; init; } = true;

    /// <summary>
    /// True when the phones are simulated (the simulator's page): the send governor's limits apply to
    /// it only with <c>Tapback:Governor:ApplyToSimulator</c>, so a user can watch them work.
    /// </summary>
    public bool Simulated { get; init; }

    /// <summary>
    /// True when the built-in agent answers every sender while <c>Tapback:Agent:AllowFrom</c> is empty:
    /// the transport's phones are the operator's own (the simulator's page).
    /// </summary>
    public bool BuiltInAgentAnswersByDefault { get; init; }

    /// <summary>
    /// True when the far side already chose who reaches this agent (a remote gateway delivers only the
    /// phones paired to it), so the built-in agent answers every sender whatever <c>AllowFrom</c> lists.
    /// </summary>
    public bool SendersAuthorisedUpstream { get; init; }

    /// <summary>How often a shown typing indicator must be refreshed to stay visible; null when it stays on.</summary>
    public TimeSpan? TypingRefreshInterval { get; init; }
}
