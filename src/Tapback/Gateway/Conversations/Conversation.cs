namespace Tapback.Gateway.Conversations;

/// <summary>A chat on one transport: one-to-one with <see cref="Handle"/>, or a group.</summary>
internal sealed record Conversation
{
    public required string Id { get; init; }
    public required string Transport { get; init; }
    public required string ChatId { get; init; }
    public required string Handle { get; init; }
    public required bool IsGroup { get; init; }
    public string? DisplayName { get; init; }
}
