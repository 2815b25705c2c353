namespace Tapback.AgentLink.Rest;

internal sealed record MessageDto
{
    public required string Id { get; init; }

    public required string ConversationId { get; init; }

    /// <summary><c>inbound</c> (from a person) or <c>outbound</c> (from an agent).</summary>
    public required string Direction { get; init; }

    public string? From { get; init; }

    public string? To { get; init; }

    public required string Body { get; init; }

    /// <summary><c>received</c> for inbound; <c>queued</c>, <c>sent</c> or <c>failed</c> for outbound.</summary>
    public required string Status { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public string? ReplyTo { get; init; }

    /// <summary>The message's files, each with a signed, time-limited URL.</summary>
    public IReadOnlyList<AttachmentDto> Attachments { get; init; } = [];
}
