using System.Text.Json.Nodes;

namespace Tapback.Tests.Transports.BlueBubbles;

/// <summary>
/// Server messages built from the fixture <c>new-message-webhook-illustrative.json</c> (the shape the
/// server's MessageSerializer writes), with the fields a test varies.
/// </summary>
internal static class BlueBubblesPayloads
{
    public static string FixturePath(string file) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "BlueBubbles", file);

    public static JsonObject Fixture(string file) => JsonNode.Parse(File.ReadAllText(FixturePath(file)))!.AsObject();

    /// <summary>An inbound message's <c>data</c>: from a handle, in a chat (the one-to-one chat of the handle by default).</summary>
    public static JsonObject Message(
        string guid,
        string from,
        string text,
        long dateCreated,
        string? chatGuid = null,
        string? chatName = null,
        bool isFromMe = false,
        string? tempGuid = null)
    {
        var data = (JsonObject)Fixture("new-message-webhook-illustrative.json")["data"]!.DeepClone();
        data["guid"] = guid;
        data["text"] = text;
        data["dateCreated"] = dateCreated;
        data["isFromMe"] = isFromMe;
        data["handle"]!["address"] = from;
        data["attachments"] = new JsonArray();
        if (tempGuid is not null)
        {
            data["tempGuid"] = tempGuid;
        }

        var group = chatGuid?.Contains(";+;", StringComparison.Ordinal) == true;
        data["chats"] = new JsonArray(new JsonObject
        {
            ["originalROWID"] = 77,
            ["guid"] = chatGuid ?? $"iMessage;-;{from}",
            ["style"] = group ? 43 : 45,
            ["chatIdentifier"] = chatGuid ?? from,
            ["isArchived"] = false,
            ["displayName"] = chatName ?? "",
        });
        return data;
    }

    /// <summary>A tapback's <c>data</c>: <paramref name="type"/> is a name (<c>love</c>, <c>-love</c>) or a number (2000).</summary>
    public static JsonObject Tapback(string guid, string from, string targetGuid, JsonNode type, long dateCreated, string? chatGuid = null)
    {
        var data = Message(guid, from, "Loved “…”", dateCreated, chatGuid);
        data["associatedMessageGuid"] = $"p:0/{targetGuid}";
        data["associatedMessageType"] = type;
        return data;
    }

    public static JsonObject Attachment(string guid, string fileName, string mimeType, long size) => new()
    {
        ["originalROWID"] = 9001,
        ["guid"] = guid,
        ["uti"] = "public.jpeg",
        ["mimeType"] = mimeType,
        ["transferName"] = fileName,
        ["totalBytes"] = size,
    };

    public static JsonObject Event(string type, JsonObject? data) => new() { ["type"] = type, ["data"] = data?.DeepClone() };
}
