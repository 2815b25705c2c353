namespace Tapback.AgentLink.Frames;

/// <summary><c>send_reaction</c>.</summary>
internal sealed record SendReactionData
{
    public string? MessageId { get; init; }
    public string? Operation { get; init; }
    public string? ReactionType { get; init; }
    public int? PartIndex { get; init; }
}
