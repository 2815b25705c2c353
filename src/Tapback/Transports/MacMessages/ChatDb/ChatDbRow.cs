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

    /// <summary>Apple's effect id the sender chose (<c>com.apple.messages.effect.CKConfettiEffect</c>).</summary>
    public string? ExpressiveSendStyleId { get; init; }

    /// <summary><c>iMessage</c>, <c>SMS</c> (or <c>RCS</c> on newer macOS).</summary>
    public string? Service { get; init; }

    /// <summary>When the sender last edited it (Apple nanoseconds; 0 never). An unsend sets it as well.</summary>
    public long DateEdited { get; init; }

    /// <summary>When the sender unsent it (Apple nanoseconds; 0 never).</summary>
    public long DateRetracted { get; init; }

    /// <summary>A binary plist: for an edited message, every version's text under <c>ec</c> (MessageSummaryInfo).</summary>
    public byte[]? MessageSummaryInfo { get; init; }
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

    /// <summary>The text after an edit: the row's body, else the newest version in <c>message_summary_info</c>.</summary>
    public string EditedBody()
    {
        var body = Body();
        if (body.Length > 0 || MessageSummaryInfo is not { } summary)
        {
            return body;
        }

        return (ChatDb.MessageSummaryInfo.LatestText(summary) ?? string.Empty).Replace("\uFFFC", string.Empty, StringComparison.Ordinal).Trim();
    }

    public string Body()
    {
        var text = Text ?? (AttributedBody is { } blob ? MacMessages.ChatDb.AttributedBody.TryReadText(blob) : null) ?? string.Empty;
        return text.Replace("\uFFFC", string.Empty, StringComparison.Ordinal).Trim();
    }
}
