namespace Tapback.Client;

/// <summary>A send the gateway carried out (<c>message.sent</c>).</summary>
public sealed record SentMessage(string MessageId, string ChatId, string ClientMessageId);
