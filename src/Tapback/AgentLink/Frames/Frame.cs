using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Tapback.Messaging.Json;

namespace Tapback.AgentLink.Frames;

/// <summary>Writes the envelope <c>{"type", "seq"?, "data"}</c> around a typed payload.</summary>
internal static class Frame
{
    public static byte[] Serialize<T>(string type, T data, JsonTypeInfo<T> typeInfo, long? seq = null)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WireJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("type", type);
            if (seq is { } value)
            {
                writer.WriteNumber("seq", value);
            }

            writer.WritePropertyName("data");
            JsonSerializer.Serialize(writer, data, typeInfo);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// An error frame. Every text in it is bounded and printable whatever the client sent, so writing it
    /// can neither fail nor flood the connection.
    /// </summary>
    public static byte[] Error(string message, string? requestType = null, string? clientMessageId = null) =>
        Serialize(
            FrameTypes.Error,
            new ErrorData(
                FrameEcho.Bounded(message, FrameEcho.MaxMessageChars),
                requestType is null ? null : FrameEcho.Bounded(requestType),
                clientMessageId is null ? null : FrameEcho.Bounded(clientMessageId, FrameEcho.MaxClientMessageIdChars)),
            AgentLinkJsonContext.Wire.ErrorData);
}
