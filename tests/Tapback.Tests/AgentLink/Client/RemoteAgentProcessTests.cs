using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Tapback.AgentLink.Client;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.AgentLink.Client;

/// <summary>
/// Remote-agent mode end to end: a gateway process and an agent process, each SIGKILL-able, each on
/// its own data directory. Every message the phone sends is answered once, whichever side died.
/// </summary>
public sealed partial class RemoteAgentProcessTests
{
    private const string Phone = "+15551234567";

    [Fact]
    public async Task RemoteAgent_EitherProcessKilledAndRestarted_AnswersEveryMessageOnce()
    {
        await using var model = new FakeOpenAIServer { ApiKey = "k" };
        await model.StartAsync();
        model.Reply = request => request.LastUserText switch
        {
            { } text when text.Contains("hello", StringComparison.Ordinal) => "Answer one.",
            { } text when text.Contains("while you were away", StringComparison.Ordinal) => "Answer two.",
            { } text when text.Contains("after the gateway restart", StringComparison.Ordinal) => "Answer three.",
            _ => "Unexpected.",
        };
        var gatewayDirectory = Directory.CreateTempSubdirectory("tapback-gateway-").FullName;
        var agentDirectory = Directory.CreateTempSubdirectory("tapback-agent-").FullName;
        var gatewaySettings = new Dictionary<string, string>
        {
            ["Tapback:Agent:Provider"] = "offline",
            ["Tapback:Admin:Token"] = "remote-agent-test-admin-token-0123456789",
        };
        try
        {
            var gateway = await TapbackProcess.StartAsync(gatewayDirectory, gatewaySettings);
            var gatewayAddress = gateway.BaseAddress;
            try
            {
                var code = await RequestCodeAsync(gateway);
                var agentSettings = AgentSettings(model, gatewayAddress);
                agentSettings["Tapback:Agent:Gateway:Code"] = code;

                // 1. The agent pairs with the code and answers through the socket.
                await using (var agent = await TapbackProcess.StartAsync(agentDirectory, agentSettings))
                {
                    await TextAsync(gateway, "hello there", "evt-1");
                    await WaitForBubblesAsync(gateway, 1);
                    await WaitUntilIdleAsync(agentDirectory);
                    agent.Kill();
                }

                Assert.True(File.Exists(Path.Combine(agentDirectory, GatewayTokenStore.FileName)));

                // 2. A message while the agent is dead waits in the gateway's queue; the restarted
                // agent connects with its stored token (no code) and answers it once.
                await TextAsync(gateway, "a message while you were away", "evt-2");
                agentSettings.Remove("Tapback:Agent:Gateway:Code");
                await using var restarted = await TapbackProcess.StartAsync(agentDirectory, agentSettings);
                await WaitForBubblesAsync(gateway, 2);

                // 3. The gateway dies and comes back on the same address and data: the agent
                // reconnects by itself and answers the next message once.
                await WaitUntilIdleAsync(gatewayDirectory);
                gateway.Kill();
                await gateway.DisposeAsync();
                gateway = await TapbackProcess.StartAsync(gatewayDirectory, gatewaySettings, gatewayAddress);
                await TextAsync(gateway, "one more after the gateway restart", "evt-3");
                await WaitForBubblesAsync(gateway, 3);
                await WaitUntilIdleAsync(agentDirectory);
                await WaitUntilIdleAsync(gatewayDirectory);

                var bubbles = (await gateway.EventsAsync(Phone)).Where(RemoteGatewayClientTests.IsAgentBubble).Select(e => e.Text);
                Assert.Equal(["Answer one.", "Answer two.", "Answer three."], bubbles);
                Assert.Equal(3, model.RequestCount);
            }
            finally
            {
                await gateway.DisposeAsync();
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(gatewayDirectory, recursive: true);
            Directory.Delete(agentDirectory, recursive: true);
        }
    }

    private static Dictionary<string, string> AgentSettings(FakeOpenAIServer model, Uri gateway) => new()
    {
        ["Tapback:Agent:Provider"] = "openai",
        ["Tapback:Agent:BaseUrl"] = model.BaseUrl.ToString(),
        ["Tapback:Agent:ApiKey"] = "k",
        ["Tapback:Agent:Model"] = "gpt-test",
        // Real time in real processes: no beat between bubbles and no debounce, so the test waits for nothing.
        ["Tapback:Agent:BubbleGapMin"] = "00:00:00",
        ["Tapback:Agent:BubbleGapMax"] = "00:00:00",
        ["Tapback:Agent:DebounceWindow"] = "00:00:00",
        ["Tapback:Agent:Gateway:Url"] = gateway.ToString(),
        ["Tapback:Agent:Gateway:Phone"] = Phone,
    };

    private static async Task TextAsync(TapbackProcess gateway, string text, string eventId)
    {
        using var response = await gateway.Client.PostAsJsonAsync("/api/simulator/messages", new { from = Phone, text, eventId });
        response.EnsureSuccessStatusCode();
    }

    private static async Task<string> RequestCodeAsync(TapbackProcess gateway)
    {
        await TextAsync(gateway, "/setup", "evt-setup");
        string? code = null;
        await EventuallyAsync(async () =>
        {
            var reply = (await gateway.EventsAsync(Phone)).FirstOrDefault(e => e.Type == "message.received" && e.Text!.Contains("setup code", StringComparison.Ordinal));
            code = reply is null ? null : SixDigits().Match(reply.Text!).Value;
            return code is not null;
        });
        return code!;
    }

    private static Task WaitForBubblesAsync(TapbackProcess gateway, int count) =>
        EventuallyAsync(async () => (await gateway.EventsAsync(Phone)).Count(RemoteGatewayClientTests.IsAgentBubble) >= count);

    /// <summary>Nothing pending in the agent queue or the outbox, so a repeat would already show.</summary>
    private static Task WaitUntilIdleAsync(string dataDirectory) => EventuallyAsync(async () =>
    {
        await using var connection = await TestStore.OpenAsync(dataDirectory);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT count(*) FROM agent_queue WHERE state = 'pending') + (SELECT count(*) FROM outbox WHERE state IN ('queued', 'in_flight'))";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) == 0;
    });

    private static Task EventuallyAsync(Func<Task<bool>> condition) => GatewayScript.EventuallyAsync(condition, TimeSpan.FromSeconds(60));

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex SixDigits();
}
