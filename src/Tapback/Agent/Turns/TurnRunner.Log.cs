namespace Tapback.Agent.Turns;

internal sealed partial class TurnRunner
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Answered {MessageCount} message(s) in {ConversationId} with {BubbleCount} bubble(s).")]
    private static partial void LogAnswered(ILogger logger, string conversationId, int messageCount, int bubbleCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "A turn in {ConversationId} paused for the person ({Kind}, {Count} item(s)).")]
    private static partial void LogPaused(ILogger logger, string conversationId, string kind, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Told the person in {ConversationId} that an approval expired.")]
    private static partial void LogExpiredTold(ILogger logger, string conversationId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The {Provider} model answered in {ConversationId} with {Length} characters.")]
    private static partial void LogModelAnswered(ILogger logger, string conversationId, string provider, int length);

    [LoggerMessage(Level = LogLevel.Error, Message = "The {Provider} model failed a turn in {ConversationId}; the user was told to try again.")]
    private static partial void LogModelFailed(ILogger logger, string conversationId, string provider, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Started a new session in {ConversationId} after /clear.")]
    private static partial void LogCleared(ILogger logger, string conversationId);
}
