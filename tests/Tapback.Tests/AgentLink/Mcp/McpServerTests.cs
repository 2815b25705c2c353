using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ModelContextProtocol.Client;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.AgentLink.Mcp;

/// <summary>The MCP server at <c>/mcp</c> through the official C# client: tools, annotations, errors, auth.</summary>
public sealed class McpServerTests : IAsyncLifetime
{
    private const string Phone = "+15551260001";
    private static readonly string[] PrivateUrls = ["http://127.0.0.1:9/cat.jpg"];
    private TapbackTestHost _host = null!;
    private string _token = null!;
    private McpClient _client = null!;

    public async Task InitializeAsync()
    {
        _host = await TapbackTestHost.StartAsync();
        _token = await GatewayScript.PairAsync(_host, Phone);
        _client = await McpFixture.ConnectAsync(_host, _token);
    }

    public async Task DisposeAsync()
    {
        await _client.DisposeAsync();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task ListTools_WithToken_HasEveryToolWithAnnotations()
    {
        var tools = (await _client.ListToolsAsync()).ToDictionary(tool => tool.Name, tool => tool.ProtocolTool);

        Assert.Equal(["edit_message", "list_conversations", "lookup_handle", "mark_read", "react", "read_messages", "send_message", "set_typing", "unsend_message"], tools.Keys.Order());
        Assert.True(tools["unsend_message"].Annotations!.DestructiveHint);
        Assert.True(tools["send_message"].InputSchema.GetProperty("properties").TryGetProperty("send_at", out _));
        Assert.True(tools["list_conversations"].Annotations!.ReadOnlyHint);
        Assert.True(tools["read_messages"].Annotations!.ReadOnlyHint);
        Assert.False(tools["send_message"].Annotations!.ReadOnlyHint);
        Assert.True(tools["react"].Annotations!.DestructiveHint);
        Assert.False(tools["send_message"].Annotations!.DestructiveHint);
        var send = tools["send_message"].InputSchema.GetProperty("properties");
        Assert.True(send.TryGetProperty("conversation_id", out _));
        Assert.True(send.TryGetProperty("attachment_urls", out _));
        Assert.True(send.TryGetProperty("reply_to", out _));
        Assert.True(send.TryGetProperty("effect", out _));
        Assert.True(tools["lookup_handle"].Annotations!.ReadOnlyHint);
        Assert.False(string.IsNullOrWhiteSpace(tools["send_message"].Description));
    }

    [Fact]
    public async Task SendMessage_ToThePairedPhone_ReachesThePhone()
    {
        var sent = await McpFixture.CallOkAsync(_client, "send_message", new { to = Phone, text = "Hello over MCP" });

        Assert.Equal("queued", (string?)sent["status"]);
        var events = await WaitForPhoneAsync(e => e.Any(x => x.Type == "message.received" && x.Text == "Hello over MCP"));
        Assert.Equal((string?)sent["message_id"], events.Single(e => e.Text == "Hello over MCP").MessageId);
    }

    [Fact]
    public async Task SendMessage_SameIdempotencyKey_SendsOnce()
    {
        var first = await McpFixture.CallOkAsync(_client, "send_message", new { to = Phone, text = "Only once", idempotency_key = "k1" });
        var second = await McpFixture.CallOkAsync(_client, "send_message", new { to = Phone, text = "Only once", idempotency_key = "k1" });

        Assert.Equal((string?)first["message_id"], (string?)second["message_id"]);
        await WaitForPhoneAsync(e => e.Any(x => x.Text == "Only once"));
        await _host.AdvanceUntilAsync(_host.IsIdleAsync);
        Assert.Single(await _host.EventsAsync(Phone), e => e.Text == "Only once");
    }

    [Fact]
    public async Task SendMessage_WithoutText_IsToolErrorNamingTheField()
    {
        var result = await McpFixture.CallAsync(_client, "send_message", new { to = Phone });

        Assert.True(result.IsError);
        Assert.Contains("nothing to send", McpFixture.Text(result), StringComparison.Ordinal);
        Assert.Contains("'text'", McpFixture.Text(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendMessage_PrivateAttachmentUrl_IsToolErrorAndSendsNothing()
    {
        var result = await McpFixture.CallAsync(_client, "send_message", new { to = Phone, text = "look", attachment_urls = PrivateUrls });

        Assert.True(result.IsError);
        Assert.Contains("private", McpFixture.Text(result), StringComparison.Ordinal);
        Assert.Contains("Nothing was sent", McpFixture.Text(result), StringComparison.Ordinal);
        await _host.AdvanceUntilAsync(_host.IsIdleAsync);
        Assert.DoesNotContain(await _host.EventsAsync(Phone), e => e.Text == "look");
    }

    [Fact]
    public async Task ReadAndListConversations_AfterAnInboundMessage_ShowTextAndUnreadCount()
    {
        // The pairing's /setup was marked read; unread counts place a receipt by time, and on the fake
        // clock that receipt and this message would otherwise share a millisecond.
        _host.Time.Advance(TimeSpan.FromMilliseconds(1));
        await _host.SendAsync(Phone, "Are you there?");

        var list = await McpFixture.CallOkAsync(_client, "list_conversations");
        var conversation = list["conversations"]!.AsArray().Single()!;
        Assert.Equal(1, (int)conversation["unread_count"]!);
        Assert.Equal("Are you there?", (string?)conversation["last_message"]!["body"]);

        var read = await McpFixture.CallOkAsync(_client, "read_messages", new { conversation_id = (string)conversation["id"]!, limit = 10 });
        Assert.Equal("Are you there?", (string?)read["messages"]!.AsArray().Last()!["body"]);
        Assert.False((bool)read["has_more"]!);
    }

    [Fact]
    public async Task MarkReadTypingAndReact_OnAnInboundMessage_ReachThePhone()
    {
        await _host.SendAsync(Phone, "Love this?");
        var conversation = (await McpFixture.CallOkAsync(_client, "list_conversations"))["conversations"]![0]!;
        var id = (string)conversation["id"]!;
        var messageId = (string)conversation["last_message"]!["id"]!;

        Assert.Equal("queued", (string?)(await McpFixture.CallOkAsync(_client, "mark_read", new { conversation_id = id }))["status"]);
        Assert.Equal("queued", (string?)(await McpFixture.CallOkAsync(_client, "set_typing", new { conversation_id = id, on = true }))["status"]);
        Assert.Equal("queued", (string?)(await McpFixture.CallOkAsync(_client, "react", new { message_id = messageId, reaction = "love" }))["status"]);

        // The pairing's /setup has a read receipt of its own; this one names the message.
        var events = await WaitForPhoneAsync(e => e.Any(x => x.Type == "read" && x.MessageId == messageId) && e.Any(x => x.Type == "reaction" && x.Reaction == "love"));
        Assert.Contains(events, e => e.Type == "read" && e.MessageId == messageId);
        var after = await McpFixture.CallOkAsync(_client, "list_conversations");
        Assert.Equal(0, (int)after["conversations"]![0]!["unread_count"]!);
    }

    [Fact]
    public async Task React_UnknownReaction_IsToolErrorListingTheAllowedOnes()
    {
        var result = await McpFixture.CallAsync(_client, "react", new { message_id = "msg_x", reaction = "wow" });

        Assert.True(result.IsError);
        Assert.Contains("love, like, dislike", McpFixture.Text(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadMessages_WithoutConversationId_IsToolErrorNamingIt()
    {
        var tool = (await _client.ListToolsAsync()).Single(tool => tool.Name == "read_messages").ProtocolTool;
        var result = await McpFixture.CallAsync(_client, "read_messages", new { limit = 5 });

        Assert.Equal("conversation_id", tool.InputSchema.GetProperty("required").EnumerateArray().Single().GetString());
        Assert.True(result.IsError);
        Assert.Contains("conversation_id", McpFixture.Text(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadMessages_BadTime_IsToolError()
    {
        var result = await McpFixture.CallAsync(_client, "read_messages", new { conversation_id = "conv_x", before = "yesterday" });

        Assert.True(result.IsError);
        Assert.Contains("ISO-8601", McpFixture.Text(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_WithoutCredential_Is401WithWwwAuthenticate()
    {
        using var response = await PostInitializeAsync(token: null, host: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Post_WithForeignHostHeader_Is403()
    {
        using var response = await PostInitializeAsync(_token, host: "evil.example.com");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("AllowedHosts", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> PostInitializeAsync(string? token, string? host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, McpFixture.Endpoint(_host))
        {
            Content = new StringContent(
                """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}""",
                Encoding.UTF8,
                "application/json"),
        };
        request.Headers.Accept.ParseAdd("application/json, text/event-stream");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (host is not null)
        {
            request.Headers.Host = host;
            request.Headers.Add("Origin", $"http://{host}");
        }

        return await _host.Client.SendAsync(request);
    }

    private async Task<IReadOnlyList<PhoneEventDto>> WaitForPhoneAsync(Func<IReadOnlyList<PhoneEventDto>, bool> match)
    {
        IReadOnlyList<PhoneEventDto> events = [];
        await _host.AdvanceUntilAsync(async () => match(events = await _host.EventsAsync(Phone)));
        return events;
    }
}
