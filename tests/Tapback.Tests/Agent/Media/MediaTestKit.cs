using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Agent.Media;

/// <summary>Sending files as the simulated phone, and reading the parts of what the fake model received.</summary>
internal static class MediaTestKit
{
    public const string Phone = "+15551234567";

    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Media", name);

    /// <summary>Starts Tapback on the fake OpenAI model, with extra settings (speech-to-text, ffmpeg).</summary>
    public static Task<TapbackTestHost> StartAsync(FakeOpenAIServer model, IDictionary<string, string?>? settings = null)
    {
        // A developer's OPENAI_API_KEY must not send test voice notes to OpenAI.
        var all = new Dictionary<string, string?> { ["Tapback:Agent:SpeechToText:Provider"] = "none" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return TapbackTestHost.StartWithModelAsync(model, all);
    }

    public static async Task<string> SendFileAsync(TapbackTestHost host, string text, string fileName, string contentType, byte[] content)
    {
        using var response = await host.Client.PostAsJsonAsync("/api/simulator/messages", new
        {
            from = Phone,
            text,
            attachments = new[] { new { fileName, contentType, base64 = Convert.ToBase64String(content) } },
        });
        response.EnsureSuccessStatusCode();
        var accepted = await response.Content.ReadFromJsonAsync<JsonObject>();
        return (string)accepted!["messageId"]!;
    }

    /// <summary>The content parts of the last user message of a Chat Completions request.</summary>
    public static JsonArray LastUserParts(FakeChatRequest request)
    {
        var messages = JsonNode.Parse(request.RawJson)!["messages"]!.AsArray();
        var content = messages.Last(message => (string?)message!["role"] == "user")!["content"];
        return content is JsonArray parts ? parts : [new JsonObject { ["type"] = "text", ["text"] = (string?)content }];
    }

    /// <summary>The data URLs of the image parts, in order.</summary>
    public static IReadOnlyList<string> ImageUrls(JsonArray parts) =>
        [.. parts.Where(part => (string?)part!["type"] == "image_url").Select(part => (string)part!["image_url"]!["url"]!)];

    public static (string MediaType, byte[] Bytes) DecodeDataUrl(string url)
    {
        Assert.StartsWith("data:", url, StringComparison.Ordinal);
        var comma = url.IndexOf(',', StringComparison.Ordinal);
        var header = url[5..comma];
        Assert.EndsWith(";base64", header, StringComparison.Ordinal);
        return (header[..^";base64".Length], Convert.FromBase64String(url[(comma + 1)..]));
    }
}
