using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Tapback.Client;

/// <summary>Reads a webhook body into its typed <see cref="WebhookEvent"/>. Verify the body first (<see cref="WebhookVerifier"/>).</summary>
public static class WebhookEvents
{
    private static readonly RestJsonContext Json = RestJsonContext.Wire;

    /// <summary>The event in <paramref name="body"/>; an unknown type is a <see cref="WebhookUnknownEvent"/>.</summary>
    /// <exception cref="JsonException">The body is not a Tapback webhook event.</exception>
    public static WebhookEvent Parse(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return Parse(Encoding.UTF8.GetBytes(body));
    }

    /// <summary>The event in the raw <paramref name="body"/>.</summary>
    /// <exception cref="JsonException">The body is not a Tapback webhook event.</exception>
    public static WebhookEvent Parse(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body);
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String
            || !root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
        {
            throw new JsonException("A Tapback webhook body is an object with a string id and type ({\"id\", \"type\", \"created_at\", \"data\"}).");
        }

        var data = root.TryGetProperty("data", out var payload) ? payload : default;
        var typed = Read(type.GetString()!, data);
        return typed with
        {
            Id = id.GetString()!,
            Type = type.GetString()!,
            CreatedAt = root.TryGetProperty("created_at", out var created) && created.TryGetDateTimeOffset(out var at) ? at : default,
        };
    }

    private static WebhookEvent Read(string type, JsonElement data) => type switch
    {
        TapbackEventTypes.MessageReceived or TapbackEventTypes.MessageUpdated => Data(data, Json.WebhookMessageEvent),
        TapbackEventTypes.ReactionAdded or TapbackEventTypes.ReactionRemoved => Data(data, Json.WebhookReactionEvent),
        TapbackEventTypes.MessageSent or TapbackEventTypes.MessageFailed or TapbackEventTypes.MessageDelivered or TapbackEventTypes.MessageRead
            => Data(data, Json.WebhookStatusEvent),
        TapbackEventTypes.MessageEdited or TapbackEventTypes.MessageUnsent => Data(data, Json.WebhookMessageChangeEvent),
        TapbackEventTypes.TypingStarted or TapbackEventTypes.TypingStopped => Data(data, Json.WebhookTypingEvent),
        TapbackEventTypes.MessageHeld => Data(data, Json.WebhookMessageHeldEvent),
        TapbackEventTypes.ConversationPaused => Data(data, Json.WebhookConversationPausedEvent),
        TapbackEventTypes.ConversationResumed => Data(data, Json.WebhookConversationResumedEvent),
        TapbackEventTypes.TransportDegraded or TapbackEventTypes.TransportRecovered => Data(data, Json.WebhookTransportEvent),
        _ => new WebhookUnknownEvent { Data = data.Clone() },
    };

    private static T Data<T>(JsonElement data, JsonTypeInfo<T> typeInfo)
        where T : WebhookEvent =>
        data.ValueKind == JsonValueKind.Object
            ? data.Deserialize(typeInfo) ?? throw new JsonException("The event's data is null.")
            : throw new JsonException("The event's data is not an object.");
}
