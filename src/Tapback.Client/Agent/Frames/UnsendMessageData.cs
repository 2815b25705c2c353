namespace Tapback.Client;

/// <summary><c>unsend_message</c>.</summary>
internal sealed record UnsendMessageData(string MessageId);
