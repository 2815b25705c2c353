namespace Tapback.Messaging;

/// <summary>
/// One side effect the outbox asks a transport to carry out. <see cref="IdempotencyKey"/> is stable
/// across retries, so a transport (or the provider behind it) can drop a repeat.
/// </summary>
internal abstract record OutboundAction
{
    public required string IdempotencyKey { get; init; }
    public required string ChatId { get; init; }
}

/// <summary>Send a bubble of text (and files) to a chat.</summary>
internal sealed record SendMessageAction : OutboundAction
{
    public required string MessageId { get; init; }
    public required string Text { get; init; }
    public IReadOnlyList<OutboundAttachment> Attachments { get; init; } = [];

    /// <summary>Tapback's id of the message this one answers inline (a threaded reply); null for none.
    /// Only sent where <see cref="TransportCapabilities.Replies"/>; the transport maps it to the provider's id.</summary>
    public string? ReplyTo { get; init; }

    /// <summary>The bubble or screen effect to send with; null for none. Only sent where <see cref="TransportCapabilities.Effects"/>.</summary>
    public MessageEffect? Effect { get; init; }

    /// <summary>
    /// The one attachment is a voice memo (Opus in CAF, <c>Audio Message.caf</c>) and <see cref="Text"/>
    /// is empty: a transport with <see cref="TransportCapabilities.VoiceNotes"/> sends it as a voice
    /// message (the waveform bubble), any other as an audio file.
    /// </summary>
    public bool VoiceNote { get; init; }
}

/// <summary>Replace the text of a message Tapback sent (Apple keeps the earlier versions visible as history).</summary>
internal sealed record EditMessageAction : OutboundAction
{
    /// <summary>Tapback's id of the sent message; the transport maps it to the provider's id.</summary>
    public required string MessageId { get; init; }

    public required string Text { get; init; }
}

/// <summary>Take back a message Tapback sent: it disappears from the person's phone.</summary>
internal sealed record UnsendMessageAction : OutboundAction
{
    /// <summary>Tapback's id of the sent message; the transport maps it to the provider's id.</summary>
    public required string MessageId { get; init; }
}

/// <summary>Show or hide the typing indicator in a chat.</summary>
internal sealed record SetTypingAction : OutboundAction
{
    public required bool On { get; init; }
}

/// <summary>Mark the chat read up to a message.</summary>
internal sealed record MarkReadAction : OutboundAction
{
    public required string MessageId { get; init; }
}

/// <summary>Put a tapback on a message, or take it off.</summary>
internal sealed record ReactAction : OutboundAction
{
    public required string MessageId { get; init; }
    public required ReactionType Reaction { get; init; }
    public bool Remove { get; init; }
}
