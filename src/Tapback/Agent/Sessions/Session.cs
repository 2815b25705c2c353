namespace Tapback.Agent.Sessions;

/// <summary>A stretch of a conversation the model remembers: the messages after <see cref="StartsAfterSeq"/>.</summary>
internal sealed record Session
{
    public required string Id { get; init; }
    public required string ConversationId { get; init; }
    public required long StartsAfterSeq { get; init; }
}
