namespace Tapback.Gateway.Conversations;

/// <summary>A message as stored: inbound from a person, or outbound from an agent.</summary>
internal sealed record StoredMessage
{
    public required long Seq { get; init; }
    public required string Id { get; init; }
    public required string ConversationId { get; init; }
    public required string Direction { get; init; }
    public required string Sender { get; init; }
    public required string Body { get; init; }
    public required string State { get; init; }
    public required long CreatedAt { get; init; }

    /// <summary>The message this one replies to, if any.</summary>
    public string? ReplyTo { get; init; }

    /// <summary>The effect it was sent with (a <c>MessageEffects</c> wire name), if any.</summary>
    public string? Effect { get; init; }

    /// <summary>iMessage or SMS for an inbound message, when the transport said.</summary>
    public string? Service { get; init; }

    /// <summary>When its text was last edited (Unix ms); earlier versions are in <c>message_edits</c>.</summary>
    public long? EditedAt { get; init; }

    /// <summary>When it was unsent (Unix ms); its body is empty from then on.</summary>
    public long? UnsentAt { get; init; }

    /// <summary>
    /// It may have files, or wait for one (<c>messages.has_files</c>, set by the store whenever a file
    /// row names it, never cleared): a message without the mark has none, so its files are not looked up.
    /// </summary>
    public required bool HasFiles { get; init; }

    public bool IsInbound => Direction == MessageDirections.Inbound;
}
