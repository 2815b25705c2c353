namespace Tapback.Gateway.Governor;

/// <summary>
/// A send the dispatcher is about to hand to its transport, as the governor's rules judge it: who it
/// goes to (the conversation), through which transport instance, and on which gateway number.
/// </summary>
internal sealed record GovernedSend
{
    public required long OutboxId { get; init; }

    public required string ConversationId { get; init; }

    /// <summary>The transport instance's name (<c>Tapback:Transports:&lt;name&gt;</c>): the per-instance overrides are read by it.</summary>
    public required string Transport { get; init; }

    /// <summary>The gateway number the send goes out on, as pacing counts it (the transport instance today).</summary>
    public required string NumberKey { get; init; }

    public string? MessageId { get; init; }

    /// <summary>
    /// The second or later bubble of a split answer (<see cref="Outbox.BubblePlanner.IsLaterBubble"/>): to the
    /// person it is the same answer as its first bubble, which <c>UnansweredLimit</c> already judged and counted.
    /// </summary>
    public bool LaterBubble { get; init; }
}
