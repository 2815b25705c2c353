using System.Text.Json;
using Tapback.Messaging;
using Tapback.Transports.BlueBubbles.Api;

namespace Tapback.Transports.BlueBubbles;

/// <summary>Reading the parts of a server message that come in more than one shape.</summary>
internal static class BlueBubblesMessages
{
    private const string ObjectReplacement = "\uFFFC";

    public static bool IsGroup(BlueBubblesChat chat) =>
        chat.Style == 43 || chat.Guid?.Contains(";+;", StringComparison.Ordinal) == true;

    /// <summary>
    /// The text, from <c>text</c> or (newer macOS, sent messages) the attributed body; without
    /// attachment placeholders. The body is one object or a list of them; the text is the first
    /// non-empty <c>string</c>, as the server's own AttributedBodyUtils.extractText reads it.
    /// </summary>
    public static string TextOf(BlueBubblesMessage message)
    {
        var text = message.Text;
        if (string.IsNullOrEmpty(text) && message.AttributedBody is { } body)
        {
            text = body.ValueKind switch
            {
                JsonValueKind.Array => body.EnumerateArray().Select(StringOf).FirstOrDefault(run => !string.IsNullOrEmpty(run)),
                JsonValueKind.Object => StringOf(body),
                _ => null,
            };
        }

        return (text ?? string.Empty).Replace(ObjectReplacement, string.Empty, StringComparison.Ordinal).Trim();
    }

    private static string? StringOf(JsonElement run) =>
        run.ValueKind == JsonValueKind.Object && run.TryGetProperty("string", out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    public static DateTimeOffset? At(long? epochMilliseconds) =>
        epochMilliseconds is > 0 and var ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;

    /// <summary>The effect the message came with, when Tapback knows Apple's id for it.</summary>
    public static MessageEffect? EffectOf(BlueBubblesMessage message) =>
        MessageEffects.TryParseAppleId(message.ExpressiveSendStyleId, out var effect) ? effect : null;

    /// <summary>iMessage or SMS, from the sender's handle, else from the chat guid's service (<c>SMS;-;+1…</c>); null when neither says.</summary>
    public static string? ServiceOf(BlueBubblesMessage message, string? chatGuid) =>
        MessageServices.Of(message.Handle?.Service) ?? MessageServices.Of(chatGuid?.Split(';', 2)[0]);

    public static bool IsTapback(BlueBubblesMessage message) =>
        !string.IsNullOrEmpty(message.AssociatedMessageGuid)
        && message.AssociatedMessageType is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) };
}
