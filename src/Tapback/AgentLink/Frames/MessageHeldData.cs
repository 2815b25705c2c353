namespace Tapback.AgentLink.Frames;

/// <summary>
/// <c>message.held</c>: the send governor holds a message the agent asked to send (docs/governor.md).
/// It keeps its place in the conversation and goes when released; told once per reason.
/// </summary>
/// <param name="Reason">unanswered_limit, recipient_rate, new_conversations, outbound_ratio or conversation_paused.</param>
/// <param name="Detail">The limit and its figures, in a sentence.</param>
internal sealed record MessageHeldData(string MessageId, string ChatId, string? ClientMessageId, string Reason, string Detail);
