using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Transports.Simulator;

public sealed class SimulatorApiTests : IAsyncLifetime
{
    private TapbackTestHost _host = null!;

    public async Task InitializeAsync() => _host = await TapbackTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task PostMessage_ValidText_Returns202WithMessageIdAndShowsItOnThePhone()
    {
        using var response = await _host.Client.PostAsJsonAsync("/api/simulator/messages", new { from = "+1 (555) 123-4567", text = "hello" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var messageId = body.GetProperty("messageId").GetString();
        Assert.StartsWith("msg_", messageId, StringComparison.Ordinal);
        var events = await _host.EventsAsync("+15551234567");
        var sent = Assert.Single(events, e => e.Type == "message.sent");
        Assert.Equal(messageId, sent.MessageId);
        Assert.Equal("hello", sent.Text);
        Assert.True(sent.FromMe);
    }

    [Theory]
    [InlineData("""{"from": "not a number", "text": "hi"}""", "from")]
    [InlineData("""{"text": "hi"}""", "from")]
    [InlineData("""{"from": "+15551234567", "text": "   "}""", "text")]
    [InlineData("""{"from": "+15551234567"}""", "text")]
    [InlineData("""{"from": "+15551234567", "text": "hi", "attachments": [{"fileName": "a.png", "contentType": "image/png", "base64": "%%%"}]}""", "attachments[0].base64")]
    [InlineData("""{"from": "+15551234567", "text": "hi", "attachments": [{"contentType": "image/png", "base64": "AAAA"}]}""", "attachments[0].fileName")]
    public async Task PostMessage_BadField_Returns400ProblemNamingTheField(string json, string field)
    {
        using var response = await PostJsonAsync("/api/simulator/messages", json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"The problem should name '{field}': {problem}");
    }

    [Theory]
    [InlineData("""{"from": "+15551234567", "text": "hi" """)]
    [InlineData("""[1, 2, 3]""")]
    [InlineData("""{"from": 12, "text": "hi"}""")]
    public async Task PostMessage_MalformedJson_Returns400ProblemAndStoresNothing(string json)
    {
        using var response = await PostJsonAsync("/api/simulator/messages", json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("JSON", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(await _host.EventsAsync("+15551234567"));
    }

    [Fact]
    public async Task PostMessage_AttachmentOverTheLimit_Returns400NamingTheLimit()
    {
        await using var host = await TapbackTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Tapback:Transports:phone:Kind"] = "Simulator",
            ["Tapback:Transports:phone:MaxAttachmentBytes"] = "1024",
        });
        var json = JsonSerializer.Serialize(new
        {
            from = "+15551234567",
            text = "look",
            attachments = new[] { new { fileName = "big.jpg", contentType = "image/jpeg", base64 = Convert.ToBase64String(new byte[4096]) } },
        });

        using var response = await host.Client.PostAsync("/api/simulator/messages", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var message = problem.GetProperty("errors").GetProperty("attachments[0].base64")[0].GetString();
        Assert.Contains("limit", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostMessage_WithImage_StoresItAndServesItBack()
    {
        var png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
        using var response = await _host.Client.PostAsJsonAsync("/api/simulator/messages", new
        {
            from = "+15551234567",
            text = "a pixel",
            attachments = new[] { new { fileName = "pixel.png", contentType = "image/png", base64 = Convert.ToBase64String(png) } },
        });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        var events = await _host.Client.GetFromJsonAsync<JsonElement>("/api/simulator/conversations/%2B15551234567/events");
        var attachment = events[0].GetProperty("attachments")[0];
        Assert.Equal("image/png", attachment.GetProperty("contentType").GetString());
        var served = await _host.Client.GetByteArrayAsync(attachment.GetProperty("url").GetString());
        Assert.Equal(png, served);
    }

    [Fact]
    public async Task PostMessage_SameEventIdFiveTimesConcurrently_CreatesOneMessageAndOneReply()
    {
        var posts = Enumerable.Range(0, 5)
            .Select(_ => _host.Client.PostAsJsonAsync("/api/simulator/messages", new { from = "+15551234567", text = "only once", eventId = "evt-42" }))
            .ToList();
        var responses = await Task.WhenAll(posts);
        var ids = new HashSet<string>();
        foreach (var response in responses)
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            ids.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("messageId").GetString()!);
            response.Dispose();
        }

        var events = await _host.WaitForRepliesAsync("+15551234567");

        Assert.Single(ids);
        Assert.Single(events, e => e.Type == "message.sent");
        Assert.Single(events, e => e.Type == "read");
        var firstBubbles = events.Where(e => e.Type == "message.received").Select(e => e.Text).ToList();
        Assert.Equal(firstBubbles.Distinct().Count(), firstBubbles.Count);
    }

    [Fact]
    public async Task PostReaction_ToAnAgentBubble_ShowsOnThePhone()
    {
        await _host.SendAsync("+15551234567", "hi");
        var events = await _host.WaitForRepliesAsync("+15551234567");
        var bubble = events.First(e => e.Type == "message.received");

        using var response = await _host.Client.PostAsJsonAsync("/api/simulator/reactions", new { from = "+15551234567", messageId = bubble.MessageId, reaction = "love" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var reaction = Assert.Single(await _host.EventsAsync("+15551234567"), e => e.Type == "reaction");
        Assert.Equal("love", reaction.Reaction);
        Assert.Equal(bubble.MessageId, reaction.MessageId);
        Assert.True(reaction.FromMe);
        Assert.False(reaction.Removed);
    }

    [Theory]
    [InlineData("wow", "reaction")]
    [InlineData("love", "messageId")]
    public async Task PostReaction_BadField_Returns400NamingTheField(string reaction, string field)
    {
        var messageId = await _host.SendAsync("+15551234567", "hi");
        var target = field == "messageId" ? "msg_unknown" : messageId;

        using var response = await _host.Client.PostAsJsonAsync("/api/simulator/reactions", new { from = "+15551234567", messageId = target, reaction });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task GetEvents_HandleThatIsNotANumber_Returns400()
    {
        using var response = await _host.Client.GetAsync("/api/simulator/conversations/banana/events");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Stream_ReplaysStoredEventsThenPushesLiveOnes()
    {
        // No agent, so the only events are the phone's own.
        await using var host = await TapbackTestHost.StartAsync(new Dictionary<string, string?> { ["Tapback:Agent:Enabled"] = "false" });
        await host.SendAsync("+15551234567", "first");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/simulator/conversations/%2B15551234567/stream");
        using var response = await host.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());

        var first = await NextDataAsync(reader);
        await host.SendAsync("+15551234567", "second");
        var second = await NextDataAsync(reader);

        Assert.Equal("first", first.GetProperty("text").GetString());
        Assert.Equal("message.sent", second.GetProperty("type").GetString());
        Assert.True(second.GetProperty("id").GetInt64() > first.GetProperty("id").GetInt64());
    }

    internal static async Task<JsonElement> NextDataAsync(StreamReader reader)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                return JsonDocument.Parse(line["data: ".Length..]).RootElement.Clone();
            }
        }

        throw new InvalidOperationException("The stream ended.");
    }

    private Task<HttpResponseMessage> PostJsonAsync(string path, string json) =>
        _host.Client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
}
