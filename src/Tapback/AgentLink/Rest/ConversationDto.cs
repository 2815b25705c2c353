namespace Tapback.AgentLink.Rest;

internal sealed record ConversationDto
{
    public required string Id { get; init; }

    /// <summary>The person's handle in a one-to-one chat; the group's chat id otherwise.</summary>
    public required string Handle { get; init; }

    public required bool IsGroup { get; init; }

    public string? GroupName { get; init; }

    public required string Transport { get; init; }

    public required DateTimeOffset LastMessageAt { get; init; }
}
