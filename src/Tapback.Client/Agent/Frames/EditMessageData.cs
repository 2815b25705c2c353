namespace Tapback.Client;

/// <summary><c>edit_message</c>.</summary>
internal sealed record EditMessageData(string MessageId, string Text, string? ClientMessageId);
