namespace Tapback.AgentLink.Rest;

/// <summary>The REST API's log lines: ids and counts only; bodies and phone numbers stay out.</summary>
internal static partial class RestLog
{
    public const string Category = "Tapback.AgentLink.Rest";

    [LoggerMessage(Level = LogLevel.Debug, Message = "Integration {IntegrationId} queued {BubbleCount} bubble(s) in conversation {ConversationId} over REST.")]
    public static partial void SendQueued(ILogger logger, string integrationId, int bubbleCount, string conversationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Integration {IntegrationId} reused Idempotency-Key with another body; answered 409.")]
    public static partial void KeyReused(ILogger logger, string integrationId);
}
