using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Tapback.Tests.AgentLink;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Gateway.Integrations;

/// <summary>
/// Who answers a paired phone: the integration's own agent (its WebSocket, its webhooks) or the
/// built-in agent with the integration's settings, as the admin API sets and shows it.
/// </summary>
public sealed class AgentModeTests
{
    private const string Phone = "+15551230071";
    private const string AdminToken = "test-admin-token-0123456789abcdef";

    [Fact]
    public async Task Patch_AgentBuiltIn_BuiltInAgentAnswersThePairedPhoneWithTheIntegrationsSettings()
    {
        await using var model = new FakeOpenAIServer { ApiKey = "k" };
        await model.StartAsync();
        await using var host = await TapbackTestHost.StartWithModelAsync(model, new Dictionary<string, string?> { ["Tapback:Admin:Token"] = AdminToken });
        using var admin = Admin(host);
        await GatewayScript.PairAsync(host, Phone);
        var id = await IdAsync(admin);

        var view = await PatchAsync(admin, id, new
        {
            agent = "builtin",
            settings = new { botName = "Ava", model = "gpt-override", effort = "low" },
        });
        await host.SendAsync(Phone, "hello?");
        await host.WaitForRepliesAsync(Phone, count: 2);

        Assert.Equal("builtin", (string?)view["agent"]);
        Assert.Equal("builtin", (string?)view["reachedBy"]);
        var request = Assert.Single(model.Requests);
        Assert.Contains("Your name is Ava.", request.System, StringComparison.Ordinal);
        Assert.Contains("\"model\":\"gpt-override\"", request.RawJson, StringComparison.Ordinal);
        Assert.Contains("\"reasoning_effort\":\"low\"", request.RawJson, StringComparison.Ordinal);
        Assert.Equal(0, (long)(await GetAsync(admin, id))["queuedEvents"]!);
    }

    [Fact]
    public async Task Patch_AgentBuiltIn_HandsTheMessagesThatWaitedForItsOwnAgentToTheBuiltInAgent()
    {
        await using var host = await TapbackTestHost.StartAsync(new Dictionary<string, string?> { ["Tapback:Admin:Token"] = AdminToken });
        using var admin = Admin(host);
        await GatewayScript.PairAsync(host, Phone);
        var id = await IdAsync(admin);
        await host.SendAsync(Phone, "anyone there?");
        var waiting = await GetAsync(admin, id);
        Assert.Equal("none", (string?)waiting["reachedBy"]);
        Assert.Equal(1, (long)waiting["queuedEvents"]!);

        await PatchAsync(admin, id, new { agent = "builtin" });
        var events = await host.WaitForRepliesAsync(Phone, count: 2);

        Assert.Contains(events, e => e.Type == "message.received" && e.Text?.Contains("setup code", StringComparison.Ordinal) == false);
        Assert.Equal(0, (long)(await GetAsync(admin, id))["queuedEvents"]!);
    }

    [Fact]
    public async Task Patch_AgentOwnAgain_ItsWebSocketHearsThePhoneAgain()
    {
        await using var host = await TapbackTestHost.StartAsync(new Dictionary<string, string?> { ["Tapback:Admin:Token"] = AdminToken });
        using var admin = Admin(host);
        var token = await GatewayScript.PairAsync(host, Phone);
        var id = await IdAsync(admin);
        await PatchAsync(admin, id, new { agent = "builtin" });
        await PatchAsync(admin, id, new { agent = "own" });
        var (client, connected) = await ScriptedAgentClient.ConnectReadyAsync(host.BaseAddress, Phone, token);
        await using var _ = client;

        var messageId = await host.SendAsync(Phone, "back to you");

        Assert.Equal(messageId, (string?)(await client.ReceiveAsync("message.received"))["data"]!["messageId"]);
        Assert.Equal("websocket", (string?)(await GetAsync(admin, id))["reachedBy"]);
    }

    [Fact]
    public async Task Pause_IntegrationAnsweredByTheBuiltInAgent_HoldsItsMessagesUntilResume()
    {
        await using var host = await TapbackTestHost.StartAsync(new Dictionary<string, string?> { ["Tapback:Admin:Token"] = AdminToken });
        using var admin = Admin(host);
        await GatewayScript.PairAsync(host, Phone);
        var id = await IdAsync(admin);
        await PatchAsync(admin, id, new { agent = "builtin" });
        (await admin.PostAsync($"/api/admin/integrations/{id}/pause", null)).EnsureSuccessStatusCode();

        await host.SendAsync(Phone, "while paused");
        await host.AdvanceUntilAsync(host.IsIdleAsync);
        Assert.Single(await host.EventsAsync(Phone), e => e.Type == "message.received");
        Assert.Equal(1, (long)(await GetAsync(admin, id))["queuedEvents"]!);

        (await admin.PostAsync($"/api/admin/integrations/{id}/resume", null)).EnsureSuccessStatusCode();
        var events = await host.WaitForRepliesAsync(Phone, count: 2);

        Assert.Contains(events, e => e.Type == "message.received" && e.Text?.Contains("setup code", StringComparison.Ordinal) == false);
        Assert.Equal(0, (long)(await GetAsync(admin, id))["queuedEvents"]!);
    }

    [Theory]
    [InlineData("""{"agent":"robot"}""", "agent")]
    [InlineData("""{"agent":"builtin","settings":{"effort":"extreme"}}""", "settings.effort")]
    public async Task Patch_BadAgentOrSettings_Is400NamingTheFieldAndChangesNothing(string body, string field)
    {
        await using var host = await TapbackTestHost.StartAsync(new Dictionary<string, string?> { ["Tapback:Admin:Token"] = AdminToken });
        using var admin = Admin(host);
        await GatewayScript.PairAsync(host, Phone);
        var id = await IdAsync(admin);

        using var response = await admin.PatchAsync($"/api/admin/integrations/{id}", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]![field]);
        Assert.Equal("own", (string?)(await GetAsync(admin, id))["agent"]);
    }

    [Fact]
    public async Task Patch_AgentBuiltInWhileTheBuiltInAgentIsOff_Is409SayingSo()
    {
        await using var host = await TapbackTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Tapback:Admin:Token"] = AdminToken,
            ["Tapback:Agent:Enabled"] = "false",
        });
        using var admin = Admin(host);
        await GatewayScript.PairAsync(host, Phone);
        var id = await IdAsync(admin);

        using var response = await admin.PatchAsJsonAsync($"/api/admin/integrations/{id}", new { agent = "builtin" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("Tapback:Agent:Enabled", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("own", (string?)(await GetAsync(admin, id))["agent"]);
    }

    private static HttpClient Admin(TapbackTestHost host)
    {
        var admin = new HttpClient { BaseAddress = host.BaseAddress };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        return admin;
    }

    private static async Task<string> IdAsync(HttpClient admin) =>
        (string)JsonNode.Parse(await admin.GetStringAsync("/api/admin/integrations"))!.AsArray().Single()!["id"]!;

    private static async Task<JsonNode> GetAsync(HttpClient admin, string id) =>
        JsonNode.Parse(await admin.GetStringAsync($"/api/admin/integrations/{id}"))!;

    private static async Task<JsonNode> PatchAsync(HttpClient admin, string id, object body)
    {
        using var response = await admin.PatchAsJsonAsync($"/api/admin/integrations/{id}", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }
}
