namespace Tapback.Transports.MacMessages.ChatDb;

/// <summary>One row of chat.db's <c>message</c> with its sender and chat (null while the chat link is not written yet).</summary>
internal sealed record ChatDbRow
{
    public long RowId { get; init; }
    public string Guid { get; init; } = string.Empty;
    public string? Text { get; init; }
    public byte[]? AttributedBody { get; init; }
    public long IsFromMe { get; init; }
    public long Date { get; init; }
    public long ItemType { get; init; }
    public long AssociatedMessageType { get; init; }
    public string? AssociatedMessageGuid { get; init; }
    public string? AssociatedMessageEmoji { get; init; }
    public string? ThreadOriginatorGuid { get; init; }
    public long HasAttachments { get; init; }
    public string? Handle { get; init; }
    public string? ChatGuid { get; init; }
    public string? ChatIdentifier { get; init; }
    public long? ChatStyle { get; init; }
    public string? DisplayName { get; init; }

    /// <summary>chat.style 43 is a group; 45 a one-to-one chat.</summary>
    public bool IsGroup => ChatStyle == 43;

    /// <summary>The message text: <c>text</c>, else what <c>attributedBody</c> holds; attachment placeholders removed.</summary>
    /// <summary>
    /// True when the text holds an attachment's placeholder (U+FFFC). Messages writes the
    /// <c>message_attachment_join</c> row (and, by trigger, <c>cache_has_attachments</c>) a moment
    /// after the message row, so the placeholder is the first sign that files are coming.
    /// </summary>
    public bool ExpectsAttachments() =>
        HasAttachments != 0
        || (Text ?? (AttributedBody is { } blob ? MacMessages.ChatDb.AttributedBody.TryReadText(blob) : null))?.Contains('\uFFFC', StringComparison.Ordinal) == true;

    public string Body()
    {
        var text = Text ?? (AttributedBody is { } blob ? MacMessages.ChatDb.AttributedBody.TryReadText(blob) : null) ?? string.Empty;
        return text.Replace("\uFFFC", string.Empty, StringComparison.Ordinal).Trim();
    }
}
