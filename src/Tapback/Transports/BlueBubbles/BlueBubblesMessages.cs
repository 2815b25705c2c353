using System.Text.Json;
using Tapback.Transports.BlueBubbles.Api;

namespace Tapback.Transports.BlueBubbles;

/// <summary>Reading the parts of a server message that come in more than one shape.</summary>
internal static class BlueBubblesMessages
{
    private const string ObjectReplacement = "\uFFFC";

    public static bool IsGroup(BlueBubblesChat chat) =>
        chat.Style == 43 || chat.Guid?.Contains(";+;", StringComparison.Ordinal) == true;

    /// <summary>The text, from <c>text</c> or (newer macOS, sent messages) the attributed body; without attachment placeholders.</summary>
    public static string TextOf(BlueBubblesMessage message)
    {
        var text = message.Text;
        if (string.IsNullOrEmpty(text)
            && message.AttributedBody is { ValueKind: JsonValueKind.Array } body
            && body.GetArrayLength() > 0
            && body[0].ValueKind == JsonValueKind.Object
            && body[0].TryGetProperty("string", out var value)
            && value.ValueKind == JsonValueKind.String)
        {
            text = value.GetString();
        }

        return (text ?? string.Empty).Replace(ObjectReplacement, string.Empty, StringComparison.Ordinal).Trim();
    }

    public static DateTimeOffset? At(long? epochMilliseconds) =>
        epochMilliseconds is > 0 and var ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;

    public static bool IsTapback(BlueBubblesMessage message) =>
        !string.IsNullOrEmpty(message.AssociatedMessageGuid)
        && message.AssociatedMessageType is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) };
}
