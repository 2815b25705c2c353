using System.Text.Json;
using Tapback.Gateway.Governor.Loops;

namespace Tapback.AgentLink.Webhooks;

/// <summary><c>conversation.paused</c> / <c>conversation.resumed</c>: the stored event in snake_case (docs/webhooks.md).</summary>
internal sealed partial class WebhookEventRenderer
{
    private static JsonElement? Pause(WebhookDelivery delivery)
    {
        if (delivery.Payload is null)
        {
            return null;
        }

        return delivery.Type == WebhookEventTypes.ConversationPaused
            ? JsonSerializer.SerializeToElement(
                JsonSerializer.Deserialize(delivery.Payload, LoopBreakerJsonContext.Wire.ConversationPausedEvent)!,
                WebhooksJsonContext.Wire.ConversationPausedEvent)
            : JsonSerializer.SerializeToElement(
                JsonSerializer.Deserialize(delivery.Payload, LoopBreakerJsonContext.Wire.ConversationResumedEvent)!,
                WebhooksJsonContext.Wire.ConversationResumedEvent);
    }
}
