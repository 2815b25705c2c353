namespace Tapback.AgentLink.Frames;

/// <summary><c>message.failed</c>: a message the agent asked to send could not be sent.</summary>
internal sealed record MessageFailedData(string ChatId, string Error, string? MessageId, string? ClientMessageId);
