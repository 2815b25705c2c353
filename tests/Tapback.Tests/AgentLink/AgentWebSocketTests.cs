using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.AgentLink;

/// <summary>The agent WebSocket as a client written for a hosted gateway uses it, over real loopback sockets.</summary>
public sealed class AgentWebSocketTests : IAsyncLifetime
{
    private const string Phone = "+15551230002";
    private TapbackTestHost _host = null!;
    private string _token = null!;

    public async Task InitializeAsync()
    {
        _host = await TapbackTestHost.StartAsync();
        _token = await GatewayScript.PairAsync(_host, Phone);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Ready_AfterMessagesSentWhileOffline_ReportsTheCountAndDeliversThemInOrder()
    {
        var first = await _host.SendAsync(Phone, "first while offline");
        var second = await _host.SendAsync(Phone, "second while offline");

        var (client, connected) = await ScriptedAgentClient.ConnectReadyAsync(_host.BaseAddress, Phone, _token);
        await using var _ = client;

        Assert.Equal(2, (long)connected["data"]!["queuedCount"]!);
        var one = await client.ReceiveAsync();
        var two = await client.ReceiveAsync();
        Assert.Equal("message.received", (string?)one["type"]);
        Assert.Equal(first, (string?)one["data"]!["messageId"]);
        Assert.Equal(Phone, (string?)one["data"]!["from"]);
        Assert.Equal("text", (string?)one["data"]!["parts"]![0]!["type"]);
        Assert.Equal("first while offline", (string?)one["data"]!["parts"]![0]!["value"]);
        Assert.NotNull((string?)one["data"]!["chatId"]);
        Assert.NotNull((string?)one["data"]!["sentAt"]);
        Assert.Null(one["seq"]);
        Assert.Equal(second, (string?)two["data"]!["messageId"]);
    }

    [Fact]
    public async Task Message_FromThePairedPhone_GoesToTheIntegrationAndNotTheBuiltInAgent()
    {
        var (client, _) = await ScriptedAgentClient.ConnectReadyAsync(_host.BaseAddress, Phone, _token);
        await using var _ = client;

        await _host.SendAsync(Phone, "hello agent");

        var frame = await client.ReceiveAsync("message.received");
        Assert.Equal("hello agent", (string?)frame["data"]!["parts"]![0]!["value"]);
        var events = await _host.EventsAsync(Phone);
        Assert.DoesNotContain(events, e => e.Type == "message.received" && !e.Text!.Contains("setup code", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Actions_MarkReadTypeReplyAndReact_ReachThePhone()
    {
        var (client, _) = await ScriptedAgentClient.ConnectReadyAsync(_host.BaseAddress, Phone, _token);
        await using var _ = client;
        var messageId = await _host.SendAsync(Phone, "are you there?");
        var received = await client.ReceiveAsync("message.received");
        var chatId = (string)received["data"]!["chatId"]!;

        await client.SendAsync(new JsonObject { ["type"] = "mark_read", ["data"] = new JsonObject { ["chatId"] = chatId } });
        await client.SendAsync(new JsonObject { ["type"] = "start_typing", ["data"] = new JsonObject { ["chatId"] = chatId } });
        await client.SendAsync(SendText(chatId, "Yes, I'm here.", "c-1"));
        await client.SendAsync(new JsonObject
        {
            ["type"] = "send_reaction",
            ["data"] = new JsonObject { ["messageId"] = messageId, ["operation"] = "add", ["reactionType"] = "love", ["partIndex"] = 0 },
        });

        var sent = await client.ReceiveAsync("message.sent");
        Assert.Equal("c-1", (string?)sent["data"]!["clientMessageId"]);
        Assert.Equal(chatId, (string?)sent["data"]!["chatId"]);
        await GatewayScript.EventuallyAsync(async () => (await _host.EventsAsync(Phone)).Any(e => e.Type == "reaction" && !e.FromMe));
        var events = (await _host.EventsAsync(Phone)).SkipWhile(e => e.MessageId != messageId).ToList();
        Assert.Equal(["message.sent", "read", "typing.started", "message.received", "reaction"], events.Select(e => e.Type));
        Assert.Equal(messageId, events[1].MessageId);
        Assert.Equal("Yes, I'm here.", events[3].Text);
        Assert.Equal((string?)sent["data"]!["messageId"], events[3].MessageId);
        Assert.Equal("love", events[4].Reaction);
    }

    [Fact]
    public async Task SendMessage_WithoutAChatIdBeforeAnyMessage_GoesToThePairedPhone()
    {
        var (client, _) = await ScriptedAgentClient.ConnectReadyAsync(_host.BaseAddress, Phone, _token);
        await using var _ = client;

        // As Superagent's connector sends the agent's contact card right after setup: no chat yet.
        await client.SendAsync(new JsonObject
        {
            ["type"] = "send_message",
            ["data"] = new JsonObject { ["parts"] = new JsonArray(new JsonObject { ["type"] = "text", ["value"] = "Hi, I'm your agent." }), ["clientMessageId"] = "card-1" },
        });

        var sent = await client.ReceiveAsync("message.sent");
        Assert.Equal("card-1", (string?)sent["data"]!["clientMessageId"]);
        await _host.AdvanceUntilAsync(_host.IsIdleAsync);
        Assert.Single(await _host.EventsAsync(Phone), e => e.Type == "message.received" && e.Text == "Hi, I'm your agent.");
    }

    [Fact]
    public async Task SendMessage_SameClientMessageIdTwice_SendsOnce()
    {
        var (client, _) = await ScriptedAgentClient.ConnectReadyAsync(_host.BaseAddress, Phone, _token);
        await using var _ = client;

        // The paired phone number is itself a chat id: the agent may start the conversation.
        await client.SendAsync(SendText(Phone, "Good morning!", "once"));
        await client.SendAsync(SendText(Phone, "Good morning!", "once"));
        var sent = await client.ReceiveAsync("message.sent");
        await _host.AdvanceUntilAsync(_host.IsIdleAsync);

        // A repeat that arrives after the first send finished hears its outcome again (the same
        // message); one that arrives before hears it once. Either way the phone gets one bubble.
        Assert.Equal("once", (string?)sent["data"]!["clientMessageId"]);
        var bubbles = (await _host.EventsAsync(Phone)).Where(e => e.Type == "message.received" && e.Text == "Good morning!");
        Assert.Single(bubbles);
    }

    [Fact]
    public async Task SendMessage_RepeatedAfterItWasSent_SendsNothingAndReportsTheFirstOutcomeAgain()
    {
        var (client, _) = await ScriptedAgentClient.ConnectReadyAsync(_host.BaseAddress, Phone, _token);
        await using var _ = client;
        await client.SendAsync(SendText(Phone, "Good evening!", "again"));
        var first = await client.ReceiveAsync("message.sent");

        // A client that crashed before it heard the outcome asks again with the same id.
        await client.SendAsync(SendText(Phone, "Good evening!", "again"));
        var second = await client.ReceiveAsync("message.sent");

        Assert.Equal((string?)first["data"]!["messageId"], (string?)second["data"]!["messageId"]);
        Assert.Equal("again", (string?)second["data"]!["clientMessageId"]);
        Assert.Single(await _host.EventsAsync(Phone), e => e.Type == "message.received" && e.Text == "Good evening!");
    }

    [Fact]
    public async Task Reaction_FromThePhone_ArrivesAsReactionAdded()
    {
        var (client, _) = await ScriptedAgentClient.ConnectReadyAsync(_host.BaseAddress, Phone, _token);
        await using var _ = client;
        await client.SendAsync(SendText(Phone, "React to me", "r-1"));
        var sent = await client.ReceiveAsync("message.sent");
        var agentMessage = (string)sent["data"]!["messageId"]!;

        using var response = await _host.Client.PostAsJsonAsync("/api/simulator/reactions", new { from = Phone, messageId = agentMessage, reaction = "laugh" });
        response.EnsureSuccessStatusCode();

        var reaction = await client.ReceiveAsync("reaction.added");
        Assert.Equal(agentMessage, (string?)reaction["data"]!["messageId"]);
        Assert.Equal("laugh", (string?)reaction["data"]!["reactionType"]);
        Assert.Equal(Phone, (string?)reaction["data"]!["from"]);
        Assert.Equal((string?)sent["data"]!["chatId"], (string?)reaction["data"]!["chatId"]);
    }

    [Fact]
    public async Task UploadAttachment_ThenSendMedia_ShowsTheImageOnThePhone()
    {
        var (client, _) = await ScriptedAgentClient.ConnectReadyAsync(_host.BaseAddress, Phone, _token);
        await using var _ = client;
        byte[] image = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4];

        await client.SendAsync(new JsonObject
        {
            ["type"] = "upload_attachment",
            ["data"] = new JsonObject { ["filename"] = "chart.png", ["contentType"] = "image/png", ["sizeBytes"] = image.Length },
        });
        var upload = (await client.ReceiveAsync("upload_attachment.response"))["data"]!;
        using var http = new HttpClient();
        using var put = new HttpRequestMessage(HttpMethod.Put, (string)upload["uploadUrl"]!) { Content = new ByteArrayContent(image) };
        foreach (var (name, value) in upload["requiredHeaders"]!.AsObject())
        {
            put.Content.Headers.TryAddWithoutValidation(name, (string)value!);
        }

        using (var uploaded = await http.SendAsync(put))
        {
            Assert.Equal(HttpStatusCode.OK, uploaded.StatusCode);
        }

        await client.SendAsync(new JsonObject
        {
            ["type"] = "send_message",
            ["data"] = new JsonObject
            {
                ["chatId"] = Phone,
                ["clientMessageId"] = "img-1",
                ["parts"] = new JsonArray(
                    new JsonObject { ["type"] = "text", ["value"] = "Here's the chart" },
                    new JsonObject { ["type"] = "media", ["attachmentId"] = (string)upload["attachmentId"]! }),
            },
        });

        await client.ReceiveAsync("message.sent");
        Assert.Equal(image, await http.GetByteArrayAsync((string)upload["downloadUrl"]!));
        var bubble = (await _host.EventsAsync(Phone)).Last(e => e.Type == "message.received");
        Assert.Equal("Here's the chart", bubble.Text);
        var shown = await _host.Client.GetFromJsonAsync<List<JsonObject>>($"/api/simulator/conversations/{Uri.EscapeDataString(Phone)}/events");
        var url = (string)shown!.Last()["attachments"]![0]!["url"]!;
        Assert.Equal(image, await _host.Client.GetByteArrayAsync(url));
    }

    [Fact]
    public async Task Message_WithAnImageFromThePhone_ArrivesWithASignedMediaUrl()
    {
        var (client, _) = await ScriptedAgentClient.ConnectReadyAsync(_host.BaseAddress, Phone, _token);
        await using var _ = client;
        byte[] image = [0xFF, 0xD8, 0xFF, 0xE0, 9, 8, 7];

        using var response = await _host.Client.PostAsJsonAsync("/api/simulator/messages", new
        {
            from = Phone,
            text = "look",
            attachments = new[] { new { fileName = "cat.jpg", contentType = "image/jpeg", base64 = Convert.ToBase64String(image) } },
        });
        response.EnsureSuccessStatusCode();

        var parts = (await client.ReceiveAsync("message.received"))["data"]!["parts"]!.AsArray();
        Assert.Equal("look", (string?)parts[0]!["value"]);
        var media = parts[1]!;
        Assert.Equal("media", (string?)media["type"]);
        Assert.Equal("image/jpeg", (string?)media["mimeType"]);
        Assert.Equal("cat.jpg", (string?)media["filename"]);
        Assert.Equal(image.Length, (long)media["sizeBytes"]!);
        using var http = new HttpClient();
        Assert.Equal(image, await http.GetByteArrayAsync((string)media["url"]!));
        using var tampered = await http.GetAsync(((string)media["url"]!).Replace("sig=", "sig=x", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Forbidden, tampered.StatusCode);
    }

    internal static JsonObject SendText(string chatId, string text, string? clientMessageId = null) => new()
    {
        ["type"] = "send_message",
        ["data"] = new JsonObject
        {
            ["chatId"] = chatId,
            ["clientMessageId"] = clientMessageId,
            ["parts"] = new JsonArray(new JsonObject { ["type"] = "text", ["value"] = text }),
        },
    };
}
