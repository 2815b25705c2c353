using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Tapback.Client;

/// <summary>The envelope <c>{"type", "seq"?, "data"}</c>: writes a typed payload into it, reads one out of it.</summary>
internal static class FrameCodec
{
    public static byte[] Serialize<T>(string type, T data, JsonTypeInfo<T> typeInfo)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = WireEncoder.Relaxed }))
        {
            writer.WriteStartObject();
            writer.WriteString("type", type);
            writer.WritePropertyName("data");
            JsonSerializer.Serialize(writer, data, typeInfo);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>The frame's type, seq and data; null for bytes that are not a JSON object with a string <c>type</c>.</summary>
    public static InboundFrame? Parse(ReadOnlyMemory<byte> bytes)
    {
        try
        {
            using var document = JsonDocument.Parse(bytes);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String)
            {
                long? seq = root.TryGetProperty("seq", out var number) && number.TryGetInt64(out var value) ? value : null;
                var data = root.TryGetProperty("data", out var payload) ? payload.Clone() : default;
                return new InboundFrame(type.GetString()!, seq, data);
            }
        }
        catch (JsonException)
        {
        }

        return null;
    }
}
