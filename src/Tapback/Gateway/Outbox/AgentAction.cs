using Tapback.Gateway.Attachments;
using Tapback.Messaging;

namespace Tapback.Gateway.Outbox;

/// <summary>
/// Something an agent asks the gateway to do in a conversation. <see cref="Key"/> makes it idempotent:
/// the same key twice writes one outbox row, so a retried turn repeats nothing.
/// </summary>
internal sealed record AgentAction
{
    public required string Key { get; init; }

    public required AgentActionKind Kind { get; init; }

    /// <summary>The bubble's text, for <see cref="AgentActionKind.Message"/>.</summary>
    public string? Text { get; init; }

    /// <summary>The message read, reacted to, edited or unsent.</summary>
    public string? TargetMessageId { get; init; }

    public ReactionType? Reaction { get; init; }

    /// <summary>Tapback's id of the message a <see cref="AgentActionKind.Message"/> answers inline (a threaded reply).</summary>
    public string? ReplyTo { get; init; }

    /// <summary>The bubble or screen effect a <see cref="AgentActionKind.Message"/> is sent with.</summary>
    public MessageEffect? Effect { get; init; }

    /// <summary>
    /// When a <see cref="AgentActionKind.Message"/> (and the rest of its send) is due: null goes now; a
    /// time waits in <see cref="OutboxStates.Scheduled"/> until then.
    /// </summary>
    public DateTimeOffset? DueAt { get; init; }

    /// <summary>The pause after the conversation's previous action before this one is carried out.</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>Files already in the attachment store, sent with a <see cref="AgentActionKind.Message"/>.</summary>
    public IReadOnlyList<StoredAttachment> Attachments { get; init; } = [];

    /// <summary>
    /// The agent link to tell, through its queue, when this message was sent or failed for good
    /// (an agent on the WebSocket); null for agents that do not listen for it.
    /// </summary>
    public string? ReportTo { get; init; }

    /// <summary>The agent's own id for this message, echoed in the status event.</summary>
    public string? ClientMessageId { get; init; }

    /// <summary>
    /// The message is a voice memo (its one attachment) that speaks <see cref="Text"/>: the text is
    /// stored as the message's body, and the transport sends the memo alone.
    /// </summary>
    public bool VoiceNote { get; init; }

    /// <summary>
    /// The send governor (Gateway/Governor) does not judge this send (written with <c>governor_exempt</c>
    /// set, as an operator's release leaves a row): the gateway's own message (a pairing reply, a STOP
    /// confirmation, the stranger notice, the watchdog's canary) or an operator's reply. An agent's is
    /// judged, which is the default, so a new way for an agent to send cannot miss the governor.
    /// </summary>
    public bool GovernorExempt { get; init; }

    /// <summary>
    /// What the stored text becomes once sent, for texts that must not stay in the store (a setup
    /// code); null keeps the text.
    /// </summary>
    public string? RedactedText { get; init; }

    public static AgentAction Message(string key, string text, TimeSpan delay = default) =>
        new() { Key = key, Kind = AgentActionKind.Message, Text = text, Delay = delay };

    /// <summary>A message of the gateway's own (not an agent's): the send governor does not hold it.</summary>
    public static AgentAction GatewayMessage(string key, string text) => Message(key, text) with { GovernorExempt = true };

    public static AgentAction Typing(string key, bool on) =>
        new() { Key = key, Kind = on ? AgentActionKind.TypingOn : AgentActionKind.TypingOff };

    public static AgentAction MarkRead(string key, string messageId) =>
        new() { Key = key, Kind = AgentActionKind.MarkRead, TargetMessageId = messageId };

    public static AgentAction Edit(string key, string messageId, string text) =>
        new() { Key = key, Kind = AgentActionKind.Edit, TargetMessageId = messageId, Text = text };

    public static AgentAction Unsend(string key, string messageId) =>
        new() { Key = key, Kind = AgentActionKind.Unsend, TargetMessageId = messageId };

    public static AgentAction React(string key, string messageId, ReactionType reaction, bool remove = false) =>
        new() { Key = key, Kind = remove ? AgentActionKind.Unreact : AgentActionKind.React, TargetMessageId = messageId, Reaction = reaction };
}
