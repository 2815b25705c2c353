using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Tapback.Client;

/// <summary>Turns a gateway frame into its typed event; a frame it does not know or cannot read becomes an <see cref="UnknownEvent"/>.</summary>
internal static class EventReader
{
    private static readonly ClientJsonContext Json = ClientJsonContext.Wire;

    public static TapbackEvent Read(InboundFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        TapbackEvent? typed = frame.Type switch
        {
            TapbackEventTypes.Connected => Data(frame, Json.ConnectedEvent),
            TapbackEventTypes.MessageReceived or TapbackEventTypes.MessageUpdated => Data(frame, Json.MessageReceivedEvent),
            TapbackEventTypes.ReactionAdded or TapbackEventTypes.ReactionRemoved => Data(frame, Json.ReactionEvent),
            TapbackEventTypes.TypingStarted or TapbackEventTypes.TypingStopped => Data(frame, Json.TypingEvent),
            TapbackEventTypes.MessageSent => Data(frame, Json.MessageSentEvent),
            TapbackEventTypes.MessageFailed => Data(frame, Json.MessageFailedEvent),
            TapbackEventTypes.MessageDelivered or TapbackEventTypes.MessageRead => Data(frame, Json.MessageStatusEvent),
            TapbackEventTypes.MessageEdited => Data(frame, Json.MessageEditedEvent),
            TapbackEventTypes.MessageUnsent => Data(frame, Json.MessageUnsentEvent),
            TapbackEventTypes.MessageHeld => Data(frame, Json.MessageHeldEvent),
            TapbackEventTypes.ConversationPaused => Data(frame, Json.ConversationPausedEvent),
            TapbackEventTypes.ConversationResumed => Data(frame, Json.ConversationResumedEvent),
            TapbackEventTypes.TransportDegraded => Data(frame, Json.TransportDegradedEvent),
            TapbackEventTypes.TransportRecovered => Data(frame, Json.TransportRecoveredEvent),
            TapbackEventTypes.Error => Data(frame, Json.ErrorEvent),
            _ => null,
        };
        return (typed ?? new UnknownEvent { Data = frame.Data }) with { Type = frame.Type, Seq = frame.Seq };
    }

    private static T? Data<T>(InboundFrame frame, JsonTypeInfo<T> typeInfo)
        where T : TapbackEvent
    {
        try
        {
            return frame.Data.ValueKind == JsonValueKind.Object ? frame.Data.Deserialize(typeInfo) : null;
        }
        catch (JsonException)
        {
            // A field missing or mistyped: handed over as it came rather than dropped.
            return null;
        }
    }
}
