namespace Tapback.AgentLink.Frames;

/// <summary><c>message.sent</c>: a message the agent asked to send was sent.</summary>
internal sealed record MessageSentData(string MessageId, string ChatId, string? ClientMessageId);
