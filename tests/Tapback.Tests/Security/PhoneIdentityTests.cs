using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Tapback.Storage;
using Tapback.Tests.AgentLink;
using Tapback.Tests.AgentLink.Mcp;
using Tapback.Tests.AgentLink.Rest;
using Tapback.Tests.Infrastructure;
using Tapback.Tests.Transports.BlueBubbles;

namespace Tapback.Tests.Security;

/// <summary>
/// A phone is the transport it texts through plus its handle. With the simulator beside a real
/// transport (BlueBubbles, against its fake), anyone may claim a real number on the simulator; that
/// simulated phone pairs only itself and never reaches the real phone's integration, chats or files.
/// </summary>
public sealed partial class PhoneIdentityTests : IAsyncLifetime
{
    private const string Phone = "+15551260001";
    private const string RealChat = "iMessage;-;+15551260001";
    private const string Simulator = "phone";
    private const string AdminToken = "identity-admin-token-0123456789abcdef";

    private FakeBlueBubblesServer _fake = null!;
    private TapbackTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _fake = await StartFakeAsync();
        _host = await BlueBubblesHost.StartAsync(_fake, new Dictionary<string, string?>
        {
            [$"Tapback:Transports:{Simulator}:Kind"] = "Simulator",
            ["Tapback:Admin:Token"] = AdminToken,
        });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _fake.DisposeAsync();
    }

    [Fact]
    public async Task SimulatorSetup_WithARealPairedNumber_PairsTheSimulatorPhoneAndLeavesTheRealIntegration()
    {
        var real = await PairRealAsync();

        var simulated = await PairSimulatedAsync();

        Assert.NotEqual(real.IntegrationId, simulated.IntegrationId);
        Assert.Equal(Simulator, simulated.Transport);
        Assert.Equal(BlueBubblesHost.Name, real.Transport);
        using var realClient = RestFixture.ClientFor(_host, real.Token);
        var (response, _) = await RestFixture.GetAsync(realClient, "/v2/conversations");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, await _host.CountAsync(
            "SELECT count(*) FROM integrations WHERE id = @IntegrationId AND status = 'active'", new { real.IntegrationId }));
    }

    [Fact]
    public async Task RealInbound_AfterASimulatorPairingOfTheSameNumber_GoesToTheRealIntegration()
    {
        var real = await PairRealAsync();
        var simulated = await PairSimulatedAsync();

        await _host.PostMessageAsync(BlueBubblesPayloads.Message("IN-REAL-1", Phone, "hello from the real phone", _host.Now(), RealChat));
        await _host.SendAsync(Phone, "hello from the simulator");

        Assert.Equal(1, await _host.CountAsync(
            "SELECT count(*) FROM agent_queue q JOIN conversations c ON c.id = q.conversation_id WHERE q.link = @link AND c.transport = @transport",
            new { link = $"integration:{real.IntegrationId}", transport = BlueBubblesHost.Name }));
        Assert.Equal(1, await _host.CountAsync(
            "SELECT count(*) FROM agent_queue q JOIN conversations c ON c.id = q.conversation_id WHERE q.link = @link AND c.transport = @transport",
            new { link = $"integration:{simulated.IntegrationId}", transport = Simulator }));
        Assert.Equal(0, await _host.CountAsync(
            "SELECT count(*) FROM agent_queue q JOIN conversations c ON c.id = q.conversation_id WHERE q.link = @link AND c.transport <> @transport",
            new { link = $"integration:{simulated.IntegrationId}", transport = Simulator }));
    }

    [Fact]
    public async Task Rest_SimulatorToken_CannotListReadOrSendIntoTheRealConversation()
    {
        await PairRealAsync();
        var realConversation = await RealConversationAsync();
        var simulated = await PairSimulatedAsync();
        using var client = RestFixture.ClientFor(_host, simulated.Token);

        var (list, listBody) = await RestFixture.GetAsync(client, "/v2/conversations");
        var (read, _) = await RestFixture.GetAsync(client, $"/v2/conversations/{realConversation}/messages");
        var (send, _) = await RestFixture.PostAsync(client, "/v2/messages", new { conversation_id = realConversation, body = "through the real line" });

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.DoesNotContain(listBody!["data"]!.AsArray(), conversation => (string?)conversation!["id"] == realConversation);
        // Another integration's conversation is answered as one that does not exist.
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, send.StatusCode);
    }

    [Fact]
    public async Task Rest_SimulatorToken_CannotReachARealGroupTheNumberWroteIn()
    {
        using (var response = await _host.PostMessageAsync(BlueBubblesPayloads.Message("IN-GROUP-1", Phone, "hello family", _host.Now(), "iMessage;+;chat-identity", "Family")))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var realGroup = await ConversationIdAsync("SELECT id FROM conversations WHERE transport = @transport AND is_group <> FALSE");
        var simulated = await PairSimulatedAsync();
        using var client = RestFixture.ClientFor(_host, simulated.Token);

        var (list, listBody) = await RestFixture.GetAsync(client, "/v2/conversations");
        var (read, _) = await RestFixture.GetAsync(client, $"/v2/conversations/{realGroup}/messages");

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.DoesNotContain(listBody!["data"]!.AsArray(), conversation => (string?)conversation!["id"] == realGroup);
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
    }

    [Fact]
    public async Task Rest_SimulatorTokenSendingToItsPhone_GoesThroughTheSimulatorNotTheRealTransport()
    {
        await PairRealAsync();
        var simulated = await PairSimulatedAsync();
        var sentBefore = _fake.Sent.Count;
        using var client = RestFixture.ClientFor(_host, simulated.Token);

        var (response, _) = await RestFixture.PostAsync(client, "/v2/messages", new { to = Phone, body = "only the simulator sees this" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await RestFixture.WaitForPhoneAsync(_host, Phone, events => events.Any(e => e.Text == "only the simulator sees this"));
        await _host.AdvanceUntilAsync(_host.IsIdleAsync);
        Assert.Equal(sentBefore, _fake.Sent.Count);
    }

    [Fact]
    public async Task Mcp_SimulatorToken_CannotListOrReadTheRealConversation()
    {
        await PairRealAsync();
        var realConversation = await RealConversationAsync();
        var simulated = await PairSimulatedAsync();
        await using var client = await McpFixture.ConnectAsync(_host, simulated.Token);

        var list = await McpFixture.CallOkAsync(client, "list_conversations");
        var read = await McpFixture.CallAsync(client, "read_messages", new { conversation_id = realConversation });
        var send = await McpFixture.CallAsync(client, "send_message", new { conversation_id = realConversation, text = "through the real line" });

        Assert.DoesNotContain(list["conversations"]!.AsArray(), conversation => (string?)conversation!["id"] == realConversation);
        Assert.True(read.IsError);
        Assert.True(send.IsError);
        Assert.DoesNotContain("hello from the real phone", McpFixture.Text(read), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WebSocket_SimulatorToken_CannotSendIntoTheRealConversation()
    {
        var real = await PairRealAsync();
        var realConversation = await RealConversationAsync();
        var simulated = await PairSimulatedAsync();
        var sentBefore = _fake.Sent.Count;

        var (agent, _) = await ScriptedAgentClient.ConnectReadyAsync(_host.BaseAddress, Phone, simulated.Token);
        await using (agent)
        {
            await agent.SendAsync(new JsonObject
            {
                ["type"] = "send_message",
                ["data"] = new JsonObject { ["chatId"] = realConversation, ["parts"] = new JsonArray(new JsonObject { ["type"] = "text", ["value"] = "through the real line" }) },
            });
            var error = await agent.ReceiveAsync();
            Assert.Equal("error", (string?)error["type"]);
        }

        // The real integration's token still opens /ws/{phone}: the token, not the number, names the integration.
        var (realAgent, connected) = await ScriptedAgentClient.ConnectReadyAsync(_host.BaseAddress, Phone, real.Token);
        await using (realAgent)
        {
            Assert.Equal("connected", (string?)connected["type"]);
        }

        await _host.AdvanceUntilAsync(_host.IsIdleAsync);
        Assert.Equal(sentBefore, _fake.Sent.Count);
    }

    [Fact]
    public async Task SimulatorAttachmentRoute_RealTransportsAttachmentId_Is404()
    {
        var bytes = "a real photo"u8.ToArray();
        _fake.AddFile("at_0_IDENTITY", bytes, "image/jpeg");
        var data = BlueBubblesPayloads.Message("IN-PHOTO", Phone, "\uFFFC", _host.Now(), RealChat);
        data["attachments"] = new JsonArray(BlueBubblesPayloads.Attachment("at_0_IDENTITY", "IMG_0001.jpeg", "image/jpeg", bytes.Length));
        using (var posted = await _host.PostMessageAsync(data))
        {
            Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        }

        await using var connection = await _host.Services.GetRequiredService<Database>().OpenAsync();
        var attachmentId = await connection.ExecuteScalarAsync<string>("SELECT id FROM attachments WHERE file_name = 'IMG_0001.jpeg'");

        using var response = await _host.Client.GetAsync($"/api/simulator/attachments/{attachmentId}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task SimulatorAttachmentRoute_ItsOwnPhonesAttachment_IsServed()
    {
        var content = Convert.ToBase64String("a simulated photo"u8.ToArray());
        using (var sent = await _host.Client.PostAsJsonAsync("/api/simulator/messages", new
        {
            from = Phone,
            text = "see this",
            attachments = new[] { new { fileName = "sim.jpeg", contentType = "image/jpeg", base64 = content } },
        }))
        {
            Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        }

        await using var connection = await _host.Services.GetRequiredService<Database>().OpenAsync();
        var attachmentId = await connection.ExecuteScalarAsync<string>("SELECT id FROM attachments WHERE file_name = 'sim.jpeg'");

        using var response = await _host.Client.GetAsync($"/api/simulator/attachments/{attachmentId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Exchange_BothTransportsAskedForCodes_TheCodeAlonePicksTheTransport()
    {
        var realCode = await RequestRealCodeAsync();
        var simulatorCode = await GatewayScript.RequestCodeAsync(_host, Phone);
        Assert.NotEqual(realCode, simulatorCode);

        var real = await ExchangeAsync(realCode);
        var simulated = await ExchangeAsync(simulatorCode);

        Assert.Equal((BlueBubblesHost.Name, BlueBubblesHost.Name), (real.Transport, real.Answered));
        Assert.Equal((Simulator, Simulator), (simulated.Transport, simulated.Answered));
        Assert.Equal(2, await _host.CountAsync("SELECT count(*) FROM integrations WHERE phone = @Phone AND status = 'active'", new { Phone }));
    }

    [Fact]
    public async Task Exchange_WrongCodeWhileBothTransportsWait_CountsAgainstEachCode()
    {
        var realCode = await RequestRealCodeAsync();
        var simulatorCode = await GatewayScript.RequestCodeAsync(_host, Phone);
        var wrong = Enumerable.Range(0, 10).Select(digit => new string((char)('0' + digit), 6)).First(code => code != realCode && code != simulatorCode);

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            using var response = await GatewayScript.ExchangeAsync(_host, Phone, wrong);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        using var afterReal = await GatewayScript.ExchangeAsync(_host, Phone, realCode);
        using var afterSimulator = await GatewayScript.ExchangeAsync(_host, Phone, simulatorCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, afterReal.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, afterSimulator.StatusCode);
    }

    [Fact]
    public async Task SimulatorSetup_ManyTimes_DoesNotUseUpTheRealPhonesCodes()
    {
        for (var request = 0; request < 5; request++)
        {
            await GatewayScript.RequestCodeAsync(_host, Phone);
        }

        var real = await PairRealAsync();

        Assert.Equal(BlueBubblesHost.Name, real.Transport);
    }

    [Fact]
    public async Task Delete_SimulatorIntegrationWithPurge_KeepsTheRealConversation()
    {
        await PairRealAsync();
        var realConversation = await RealConversationAsync();
        var simulated = await PairSimulatedAsync();
        using var admin = RestFixture.ClientFor(_host, AdminToken);

        using var response = await admin.DeleteAsync($"/api/admin/integrations/{simulated.IntegrationId}?purgeHistory=true");

        Assert.True(response.IsSuccessStatusCode, $"delete answered {response.StatusCode}");
        Assert.Equal(1, await _host.CountAsync("SELECT count(*) FROM conversations WHERE id = @realConversation", new { realConversation }));
        Assert.Equal(0, await _host.CountAsync("SELECT count(*) FROM conversations WHERE transport = @Simulator AND handle = @Phone", new { Simulator, Phone }));
    }

    private static async Task<FakeBlueBubblesServer> StartFakeAsync()
    {
        var fake = new FakeBlueBubblesServer();
        await fake.StartAsync();
        return fake;
    }

    private async Task<string> RequestRealCodeAsync()
    {
        var before = _fake.Sent.Count;
        using (var response = await _host.PostMessageAsync(BlueBubblesPayloads.Message($"IN-SETUP-{Guid.NewGuid():N}", Phone, "/setup", _host.Now(), RealChat)))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await _host.WaitForSendsAsync(_fake, before + 1);
        return SixDigits().Match(_fake.Sent[^1]["text"]!.GetValue<string>()).Value;
    }

    private async Task<Paired> PairRealAsync() => await ExchangeAsync(await RequestRealCodeAsync());

    private async Task<Paired> PairSimulatedAsync() => await ExchangeAsync(await GatewayScript.RequestCodeAsync(_host, Phone));

    private async Task<Paired> ExchangeAsync(string code)
    {
        using var response = await GatewayScript.ExchangeAsync(_host, Phone, code);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var integrationId = (string)body["integrationId"]!;
        await using var connection = await _host.Services.GetRequiredService<Database>().OpenAsync();
        var transport = await connection.ExecuteScalarAsync<string>("SELECT transport FROM integrations WHERE id = @integrationId", new { integrationId });
        return new Paired((string)body["token"]!, integrationId, transport!, (string?)body["transport"]);
    }

    /// <summary>The real phone writes once; returns the id of its conversation on the real transport.</summary>
    private async Task<string> RealConversationAsync()
    {
        using (var response = await _host.PostMessageAsync(BlueBubblesPayloads.Message("IN-REAL-HISTORY", Phone, "hello from the real phone", _host.Now(), RealChat)))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        return await ConversationIdAsync("SELECT id FROM conversations WHERE transport = @transport AND is_group = FALSE");
    }

    /// <summary>The one conversation on the real transport that <paramref name="sql"/> (given <c>@transport</c>) finds.</summary>
    private async Task<string> ConversationIdAsync(string sql)
    {
        await using var connection = await _host.Services.GetRequiredService<Database>().OpenAsync();
        return await connection.ExecuteScalarAsync<string>(sql, new { transport = BlueBubblesHost.Name }) ?? throw new InvalidOperationException("No such conversation on the real transport.");
    }

    /// <param name="Answered">The transport the exchange's answer named.</param>
    private sealed record Paired(string Token, string IntegrationId, string Transport, string? Answered);

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex SixDigits();
}
