namespace Tapback.AgentLink.Rest;

internal sealed record ConversationRow
{
    public required string Id { get; init; }
    public required string Transport { get; init; }
    public required string Handle { get; init; }
    public required bool IsGroup { get; init; }
    public string? DisplayName { get; init; }
    public required long LastMessageAt { get; init; }

    public ConversationDto ToDto() => new()
    {
        Id = Id,
        Handle = Handle,
        IsGroup = IsGroup,
        GroupName = IsGroup ? DisplayName : null,
        Transport = Transport,
        LastMessageAt = DateTimeOffset.FromUnixTimeMilliseconds(LastMessageAt),
    };
}
