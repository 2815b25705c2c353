using Tapback.Messaging;
using Tapback.Storage;

namespace Tapback.Transports.BlueBubbles;

/// <summary>
/// One send as BlueBubbles takes it: the text, then each file, every part its own message with a
/// tempGuid derived from the outbox idempotency key (stable across retries and restarts).
/// </summary>
internal sealed record BlueBubblesSendPlan(string TempGuid, string? Text, OutboundAttachment? File)
{
    public static IReadOnlyList<BlueBubblesSendPlan> Of(string transport, SendMessageAction send)
    {
        ArgumentNullException.ThrowIfNull(send);
        var parts = new List<BlueBubblesSendPlan>();
        if (!string.IsNullOrWhiteSpace(send.Text) || send.Attachments.Count == 0)
        {
            parts.Add(new BlueBubblesSendPlan(Ids.Derived("tapback", transport, send.IdempotencyKey, "text"), send.Text, null));
        }

        for (var index = 0; index < send.Attachments.Count; index++)
        {
            parts.Add(new BlueBubblesSendPlan(
                Ids.Derived("tapback", transport, send.IdempotencyKey, "file", index.ToString(System.Globalization.CultureInfo.InvariantCulture)), null, send.Attachments[index]));
        }

        return parts;
    }
}
