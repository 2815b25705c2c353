namespace Tapback.Dashboard;

/// <summary>The rows the history is read from.</summary>
internal sealed partial class ConversationHistoryReader
{
    private sealed record MessageRow
    {
        public long Seq { get; init; }
        public string Id { get; init; } = string.Empty;
        public string Direction { get; init; } = string.Empty;
        public string Sender { get; init; } = string.Empty;
        public string Body { get; init; } = string.Empty;
        public string State { get; init; } = string.Empty;
        public long CreatedAt { get; init; }
        public string? ReplyTo { get; init; }
        public string? Effect { get; init; }
        public string? Service { get; init; }
        public long? EditedAt { get; init; }
        public long? UnsentAt { get; init; }

        public HistoryItem ToItem(
            IEnumerable<HistoryAttachment> attachments, IEnumerable<HistoryReaction> reactions, IEnumerable<HistoryApproval> approvals, IEnumerable<string> edits) => new()
        {
            Kind = "message",
            Id = Id,
            Seq = Seq,
            At = DateTimeOffset.FromUnixTimeMilliseconds(CreatedAt),
            Direction = Direction,
            Sender = Sender,
            Text = Body,
            State = State,
            ReplyTo = ReplyTo,
            Effect = Effect,
            Service = Service,
            EditedAt = EditedAt is { } edited ? DateTimeOffset.FromUnixTimeMilliseconds(edited) : null,
            Edits = EditedAt is null ? null : [.. edits],
            UnsentAt = UnsentAt is { } unsent ? DateTimeOffset.FromUnixTimeMilliseconds(unsent) : null,

            // An unsent message's files are shown no more than its text.
            Attachments = UnsentAt is null ? [.. attachments] : [],
            Reactions = [.. reactions],
            Approvals = [.. approvals],
        };
    }

    private sealed record AttachmentRow
    {
        public string Id { get; init; } = string.Empty;
        public string MessageId { get; init; } = string.Empty;
        public string FileName { get; init; } = string.Empty;
        public string ContentType { get; init; } = string.Empty;
        public long SizeBytes { get; init; }
        public string? Transcript { get; init; }

        public HistoryAttachment ToAttachment() => new()
        {
            Id = Id,
            FileName = FileName,
            ContentType = ContentType,
            SizeBytes = SizeBytes,
            Url = $"/api/dashboard/attachments/{Uri.EscapeDataString(Id)}",
            Transcript = Transcript,
        };
    }

    private sealed record ApprovalRow
    {
        public string BubbleMessageId { get; init; } = string.Empty;
        public string ToolName { get; init; } = string.Empty;
        public string Arguments { get; init; } = string.Empty;
        public string State { get; init; } = string.Empty;
        public string? DecidedBy { get; init; }
        public long? DecidedAt { get; init; }

        public HistoryApproval ToApproval() => new()
        {
            ToolName = ToolName,
            Arguments = Arguments,
            State = State,
            DecidedBy = DecidedBy,
            DecidedAt = DecidedAt is { } at ? DateTimeOffset.FromUnixTimeMilliseconds(at) : null,
        };
    }
}
