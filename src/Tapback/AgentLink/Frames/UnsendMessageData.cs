namespace Tapback.AgentLink.Frames;

/// <summary>(extension) <c>unsend_message</c>: take back a message the agent sent.</summary>
internal sealed record UnsendMessageData
{
    public string? MessageId { get; init; }
}
