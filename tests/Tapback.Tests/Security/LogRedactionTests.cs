using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tapback.Tests.AgentLink;
using Tapback.Tests.AgentLink.Rest;
using Tapback.Tests.Infrastructure;
using Tapback.Tests.Transports.BlueBubbles;

namespace Tapback.Tests.Security;

/// <summary>
/// A full scenario logged at Debug: pairing, the agent socket, REST, webhooks and a built-in agent
/// turn. No secret, code, phone number or message text may appear in any line above Trace.
/// </summary>
public sealed class LogRedactionTests
{
    private const string PairedPhone = "+15550142387";
    private const string BuiltInPhone = "+15550163904";
    private const string InboundText = "pineapple-secret-7731";
    private const string ModelText = "mango-answer-4410";
    private const string RestText = "papaya-rest-9052";
    private static readonly string[] ReceivedOnly = ["message.received"];

    [Fact]
    public async Task FullScenario_LoggedAtDebug_NoTokenCodePhoneOrTextAboveTrace()
    {
        var logs = new CollectingLoggerProvider();
        await using var model = new FakeOpenAIServer { ApiKey = "sk-fake-model-key-5521" };
        await model.StartAsync();
        model.Reply = _ => ModelText + " is the answer.\n\nA second bubble.";
        await using var host = await TapbackTestHost.StartAsync(
            new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Debug",
                ["Tapback:Admin:Token"] = "admin-secret-6612-0123456789abcdef",
                ["Tapback:Agent:Provider"] = "openai",
                ["Tapback:Agent:BaseUrl"] = model.BaseUrl.ToString(),
                ["Tapback:Agent:ApiKey"] = model.ApiKey,
                ["Tapback:Agent:Model"] = "gpt-test",
                ["Tapback:Webhooks:AllowPrivateUrls"] = "true",
            },
            services: services => services.AddSingleton<ILoggerProvider>(logs));

        var code = await GatewayScript.RequestCodeAsync(host, PairedPhone);
        using var exchanged = await GatewayScript.ExchangeAsync(host, PairedPhone, code);
        exchanged.EnsureSuccessStatusCode();
        var token = (string)System.Text.Json.Nodes.JsonNode.Parse(await exchanged.Content.ReadAsStringAsync())!["token"]!;
        using var rest = RestFixture.ClientFor(host, token);
        var (created, webhook) = await RestFixture.PostAsync(rest, "/v2/webhooks", new { url = "http://127.0.0.1:9/hook", events = ReceivedOnly });
        created.Dispose();
        var (client, _) = await ScriptedAgentClient.ConnectReadyAsync(host.BaseAddress, PairedPhone, token);
        await using (client)
        {
            await host.SendAsync(PairedPhone, InboundText);
            var received = await client.ReceiveAsync();
            Assert.Equal("message.received", (string?)received["type"]);
        }

        var (sent, _) = await RestFixture.PostAsync(rest, "/v2/messages", new { to = PairedPhone, body = RestText });
        sent.Dispose();
        await host.SendAsync(BuiltInPhone, InboundText);
        await host.WaitForRepliesAsync(BuiltInPhone, count: 2);
        await RestFixture.WaitForPhoneAsync(host, PairedPhone, events => events.Any(e => e.Text == RestText));
        using var wrongCode = await GatewayScript.ExchangeAsync(host, PairedPhone, "000000");

        string[] secrets =
        [
            token,
            token["tbk_".Length..],
            code,
            (string)webhook!["secret"]!,
            "admin-secret-6612-0123456789abcdef",
            model.ApiKey!,
            PairedPhone[1..],
            BuiltInPhone[1..],
            "5550142387",
            "5550163904",
            InboundText,
            ModelText,
            RestText,
        ];
        var aboveTrace = logs.Entries.Where(entry => entry.Level > LogLevel.Trace).ToList();
        Assert.NotEmpty(aboveTrace);
        var leaks = aboveTrace
            .SelectMany(entry => secrets.Where(secret => entry.Message.Contains(secret, StringComparison.Ordinal)).Select(secret => $"[{entry.Level}] {entry.Message} (holds '{secret}')"))
            .ToList();
        Assert.True(leaks.Count == 0, string.Join('\n', leaks));
    }

    [Fact]
    public async Task ClientValues_LoggedAtInformation_EscapedCappedAndWithoutQueryStrings()
    {
        const string Secret = "bb-webhook-secret-3390-zz";
        const string Forged = "\r\nfail: Tapback[0] forged line";
        var logs = new CollectingLoggerProvider();
        await using var blueBubbles = new FakeBlueBubblesServer();
        await blueBubbles.StartAsync();
        await using var host = await TapbackTestHost.StartAsync(
            new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Information",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Information",
                ["Logging:LogLevel:ModelContextProtocol"] = "Information",
                ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Information",
                ["Tapback:Transports:simulator:Kind"] = "Simulator",
                ["Tapback:Transports:bb:Kind"] = "BlueBubbles",
                ["Tapback:Transports:bb:BaseUrl"] = blueBubbles.BaseUrl.ToString(),
                ["Tapback:Transports:bb:Password"] = blueBubbles.Password,
                ["Tapback:Transports:bb:WebhookSecret"] = Secret,
            },
            services: services => services.AddSingleton<ILoggerProvider>(logs));
        var token = await GatewayScript.PairAsync(host, PairedPhone);

        // The secret in the webhook URL, as BlueBubbles calls it.
        using (var webhook = await host.Client.PostAsync($"/webhooks/bb?secret={Secret}", new StringContent("""{"type":"typing-indicator","data":{}}""", System.Text.Encoding.UTF8, "application/json")))
        {
            Assert.True((int)webhook.StatusCode < 500);
        }

        // Line breaks in a path, and in an MCP client's name and a 1 MB version, which the MCP library logs.
        using (await host.Client.GetAsync("/api/simulator/conversations/" + Uri.EscapeDataString(Forged) + "/events"))
        {
        }

        using var mcp = new HttpClient { BaseAddress = host.BaseAddress };
        mcp.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        mcp.DefaultRequestHeaders.Accept.ParseAdd("application/json, text/event-stream");
        var initialize = new System.Text.Json.Nodes.JsonObject
        {
            ["jsonrpc"] = "2.0",
            ["id"] = 1,
            ["method"] = "initialize",
            ["params"] = new System.Text.Json.Nodes.JsonObject
            {
                ["protocolVersion"] = "2025-11-25",
                ["capabilities"] = new System.Text.Json.Nodes.JsonObject(),
                ["clientInfo"] = new System.Text.Json.Nodes.JsonObject { ["name"] = Forged, ["version"] = new string('v', 900_000) },
            },
        };
        using (await mcp.PostAsync("/mcp", new StringContent(initialize.ToJsonString(), System.Text.Encoding.UTF8, "application/json")))
        {
        }

        var aboveDebug = logs.Entries.Where(entry => entry.Level > LogLevel.Debug).ToList();
        Assert.Contains(aboveDebug, entry => entry.Message.Contains("/webhooks/bb", StringComparison.Ordinal));
        var bad = aboveDebug
            .Where(entry => entry.Message.Contains(Secret, StringComparison.Ordinal)
                || entry.Message.Any(c => char.IsControl(c))
                || entry.Message.Length > 4200)
            .Select(entry => $"[{entry.Level}] {entry.Message[..Math.Min(300, entry.Message.Length)]}")
            .ToList();
        Assert.True(bad.Count == 0, string.Join('\n', bad));
    }
}
