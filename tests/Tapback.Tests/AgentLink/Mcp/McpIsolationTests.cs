using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Client;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.AgentLink.Mcp;

/// <summary>One integration's credential (token or API key) sees and acts on its own chats only.</summary>
public sealed class McpIsolationTests : IAsyncLifetime
{
    private const string AdminToken = "test-admin-token-0123456789abcdef";
    private const string Mine = "+15551260201";
    private const string Theirs = "+15551260202";
    private TapbackTestHost _host = null!;
    private McpClient _mine = null!;
    private McpClient _theirs = null!;
    private string _theirConversation = null!;
    private string _theirMessage = null!;

    public async Task InitializeAsync()
    {
        _host = await TapbackTestHost.StartAsync(new Dictionary<string, string?> { ["Tapback:Admin:Token"] = AdminToken });
        _mine = await McpFixture.ConnectAsync(_host, await ApiKeyAsync(Mine));
        _theirs = await McpFixture.ConnectAsync(_host, await GatewayScript.PairAsync(_host, Theirs));
        await _host.SendAsync(Theirs, "A secret for my agent only");
        var conversation = (await McpFixture.CallOkAsync(_theirs, "list_conversations"))["conversations"]![0]!;
        _theirConversation = (string)conversation["id"]!;
        _theirMessage = (string)conversation["last_message"]!["id"]!;
    }

    public async Task DisposeAsync()
    {
        await _mine.DisposeAsync();
        await _theirs.DisposeAsync();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task ListConversations_WithAnApiKey_ShowsOnlyItsOwnChats()
    {
        var list = await McpFixture.CallOkAsync(_mine, "list_conversations");

        var conversations = list["conversations"]!.AsArray();
        Assert.DoesNotContain(conversations, c => (string?)c!["id"] == _theirConversation);
        Assert.All(conversations, c => Assert.Equal(Mine, (string?)c!["handle"]));
    }

    [Fact]
    public async Task ReadMessages_AnotherIntegrationsConversation_IsToolError()
    {
        var result = await McpFixture.CallAsync(_mine, "read_messages", new { conversation_id = _theirConversation });

        Assert.True(result.IsError);
        Assert.DoesNotContain("secret", McpFixture.Text(result), StringComparison.Ordinal);
        Assert.Contains($"No chat '{_theirConversation}' belongs to this integration", McpFixture.Text(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendMessage_IntoAnotherIntegrationsConversationOrPhone_IsToolErrorAndSendsNothing()
    {
        var byId = await McpFixture.CallAsync(_mine, "send_message", new { conversation_id = _theirConversation, text = "hijack" });
        var byPhone = await McpFixture.CallAsync(_mine, "send_message", new { to = Theirs, text = "hijack" });

        Assert.True(byId.IsError);
        Assert.True(byPhone.IsError);
        Assert.Contains("paired phone", McpFixture.Text(byPhone), StringComparison.Ordinal);
        await _host.AdvanceUntilAsync(_host.IsIdleAsync);
        Assert.DoesNotContain(await _host.EventsAsync(Theirs), e => e.Text == "hijack");
    }

    [Fact]
    public async Task ReactMarkReadAndTyping_InAnotherIntegrationsChat_AreToolErrors()
    {
        Assert.True((await McpFixture.CallAsync(_mine, "react", new { message_id = _theirMessage, reaction = "love" })).IsError);
        Assert.True((await McpFixture.CallAsync(_mine, "mark_read", new { conversation_id = _theirConversation })).IsError);
        Assert.True((await McpFixture.CallAsync(_mine, "set_typing", new { conversation_id = _theirConversation, on = true })).IsError);
    }

    /// <summary>Pairs <paramref name="phone"/>, then has the operator make an API key for its integration.</summary>
    private async Task<string> ApiKeyAsync(string phone)
    {
        await GatewayScript.PairAsync(_host, phone);
        using var admin = new HttpClient { BaseAddress = _host.BaseAddress };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        var integrations = await admin.GetFromJsonAsync<JsonArray>("/api/admin/integrations");
        var id = (string)integrations!.Single(i => (string?)i!["phone"] == phone)!["id"]!;
        using var response = await admin.PostAsJsonAsync($"/api/admin/integrations/{id}/api-keys", new { name = "mcp test" });
        response.EnsureSuccessStatusCode();
        return (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["key"]!;
    }
}
