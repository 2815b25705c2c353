namespace Tapback.AgentLink.Frames;

/// <summary><c>message.received</c>: a message the phone sent.</summary>
internal sealed record MessageReceivedData(
    string MessageId, string ChatId, string? ChatName, string From, IReadOnlyList<MessagePart> Parts, DateTimeOffset SentAt);
