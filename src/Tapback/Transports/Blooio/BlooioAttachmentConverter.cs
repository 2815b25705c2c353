using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tapback.Transports.Blooio;

/// <summary>Reads an attachment written either as a URL string or as an object with <c>url</c> and <c>name</c>.</summary>
internal sealed class BlooioAttachmentConverter : JsonConverter<BlooioAttachment>
{
    public override BlooioAttachment? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return new BlooioAttachment(reader.GetString() ?? "");
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("An attachment is a URL string or an object with a url.");
        }

        string? url = null;
        string? name = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var property = reader.GetString();
            reader.Read();
            switch (property)
            {
                case "url" when reader.TokenType == JsonTokenType.String:
                    url = reader.GetString();
                    break;
                case "name" or "filename" when reader.TokenType == JsonTokenType.String:
                    name = reader.GetString();
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return new BlooioAttachment(url ?? throw new JsonException("An attachment object needs a url."), name);
    }

    public override void Write(Utf8JsonWriter writer, BlooioAttachment value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        if (value.Name is null)
        {
            writer.WriteStringValue(value.Url);
            return;
        }

        writer.WriteStartObject();
        writer.WriteString("url", value.Url);
        writer.WriteString("name", value.Name);
        writer.WriteEndObject();
    }
}
