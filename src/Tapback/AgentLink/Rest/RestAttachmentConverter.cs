using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tapback.AgentLink.Rest;

/// <summary>Reads <c>"https://…"</c> or <c>{"url": "https://…", "name": "cat.jpg"}</c>; writes the object form.</summary>
internal sealed class RestAttachmentConverter : JsonConverter<RestAttachment>
{
    public override RestAttachment Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return new RestAttachment { Url = reader.GetString() };
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("An attachment is a URL string or an object {\"url\", \"name\"}.");
        }

        string? url = null, name = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var property = reader.GetString();
            reader.Read();
            switch (property)
            {
                case "url":
                    url = reader.TokenType == JsonTokenType.Null ? null : reader.GetString();
                    break;
                case "name":
                    name = reader.TokenType == JsonTokenType.Null ? null : reader.GetString();
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return new RestAttachment { Url = url, Name = name };
    }

    public override void Write(Utf8JsonWriter writer, RestAttachment value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("url", value.Url);
        if (value.Name is not null)
        {
            writer.WriteString("name", value.Name);
        }

        writer.WriteEndObject();
    }
}
