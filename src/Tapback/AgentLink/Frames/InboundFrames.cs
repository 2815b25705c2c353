namespace Tapback.AgentLink.Frames;

/// <summary><c>ready</c>; <see cref="Acks"/> asks for Tapback's acknowledged delivery.</summary>
internal sealed record ReadyData
{
    public bool? Acks { get; init; }
}

/// <summary><c>ack</c>: every event up to and including <see cref="Seq"/> was handled.</summary>
internal sealed record AckData
{
    public long? Seq { get; init; }
}

/// <summary><c>send_message</c>.</summary>
internal sealed record SendMessageData
{
    public string? ChatId { get; init; }
    public IReadOnlyList<MessagePart>? Parts { get; init; }
    public string? ClientMessageId { get; init; }
}

/// <summary><c>send_reaction</c>.</summary>
internal sealed record SendReactionData
{
    public string? MessageId { get; init; }
    public string? Operation { get; init; }
    public string? ReactionType { get; init; }
    public int? PartIndex { get; init; }
}

/// <summary><c>start_typing</c>, <c>stop_typing</c>, <c>mark_read</c>.</summary>
internal sealed record ChatData
{
    public string? ChatId { get; init; }
}

/// <summary><c>upload_attachment</c>.</summary>
internal sealed record UploadAttachmentData
{
    public string? Filename { get; init; }
    public string? ContentType { get; init; }
    public long? SizeBytes { get; init; }
}
