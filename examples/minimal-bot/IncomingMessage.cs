namespace MinimalBot;

/// <summary>The parts of a message.received event the bot needs to answer it.</summary>
internal sealed record IncomingMessage(string MessageId, string ConversationId, string From, string Body, bool IsGroup);
