namespace Tapback.AgentLink.Webhooks;

internal sealed partial class WebhookDispatcher
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "Webhook delivery {DeliveryId} ({Type}) reached subscription {SubscriptionId}: {StatusCode}.")]
    private static partial void LogDelivered(ILogger logger, string deliveryId, string type, string subscriptionId, int statusCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery {DeliveryId} ({Type}) to subscription {SubscriptionId} failed attempt {Attempt}; next attempt at {RetryAt}: {Error}")]
    private static partial void LogRetrying(ILogger logger, string deliveryId, string type, string subscriptionId, int attempt, DateTimeOffset retryAt, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook delivery {DeliveryId} ({Type}) to subscription {SubscriptionId} is dead after {Attempt} attempts; the subscription's delivery log can replay it. Last error: {Error}")]
    private static partial void LogDead(ILogger logger, string deliveryId, string type, string subscriptionId, int attempt, string error);
}
