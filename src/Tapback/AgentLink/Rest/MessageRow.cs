using Tapback.Gateway.Conversations;

namespace Tapback.AgentLink.Rest;

internal sealed record MessageRow
{
    public required long Seq { get; init; }
    public required string Id { get; init; }
    public required string ConversationId { get; init; }
    public required string Direction { get; init; }
    public required string Sender { get; init; }
    public required string Body { get; init; }
    public required string State { get; init; }
    public required long CreatedAt { get; init; }
    public string? ReplyTo { get; init; }
    public string? Effect { get; init; }
    public string? Service { get; init; }
    public long? EditedAt { get; init; }
    public long? UnsentAt { get; init; }

    /// <summary>Why the send governor holds it (not a column: filled in for a held message).</summary>
    public string? HeldReason { get; init; }

    public string? HeldDetail { get; init; }

    /// <summary>The conversation's handle: the person in a one-to-one chat.</summary>
    public required string Handle { get; init; }

    public MessageDto ToDto(IReadOnlyList<AttachmentDto> attachments)
    {
        var inbound = Direction == MessageDirections.Inbound;
        return new()
        {
            Id = Id,
            ConversationId = ConversationId,
            Direction = inbound ? "inbound" : "outbound",
            // Outbound rows name the transport as sender; an agent wants the person it went to.
            From = inbound ? Sender : null,
            To = inbound ? null : Handle,
            Body = Body,
            Status = inbound ? "received" : State,
            HeldReason = HeldReason,
            HeldDetail = HeldDetail,
            CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(CreatedAt),
            ReplyTo = ReplyTo,
            Effect = Effect,
            Service = Service,
            EditedAt = EditedAt is { } edited ? DateTimeOffset.FromUnixTimeMilliseconds(edited) : null,
            Unsent = UnsentAt is not null,
            UnsentAt = UnsentAt is { } unsent ? DateTimeOffset.FromUnixTimeMilliseconds(unsent) : null,

            // An unsent message's files are no longer given, as its text is not.
            Attachments = UnsentAt is null ? attachments : [],
        };
    }
}
