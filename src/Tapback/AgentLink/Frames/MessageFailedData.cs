namespace Tapback.AgentLink.Frames;

/// <summary>
/// <c>message.failed</c>: a message the agent asked to send could not be sent; with <c>operation</c>
/// (extension: <c>edit</c> or <c>unsend</c>), a change the agent asked of a sent message was not made.
/// </summary>
internal sealed record MessageFailedData(string ChatId, string Error, string? MessageId, string? ClientMessageId, string? Operation = null);
