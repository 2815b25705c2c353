using System.Net.Http.Json;
using Tapback.Tests.AgentLink;
using Tapback.Tests.AgentLink.Rest;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Gateway.Actions;

/// <summary>An agent's edit and unsend through the core reach the simulated phone, which shows them as Messages does.</summary>
public sealed class SimulatorEditTests
{
    private const string Phone = "+15551270601";

    [Fact]
    public async Task EditThenUnsend_OverRest_ReachThePhone()
    {
        await using var host = await TapbackTestHost.StartAsync(new Dictionary<string, string?> { ["Tapback:Agent:Enabled"] = "false" });
        var token = await GatewayScript.PairAsync(host, Phone);
        using var client = RestFixture.ClientFor(host, token);
        var (_, sent) = await RestFixture.PostAsync(client, "/v2/messages", new { to = Phone, body = "teh answer" });
        var messageId = (string)sent!["message_id"]!;
        await host.AdvanceUntilAsync(async () => (await host.EventsAsync(Phone)).Any(e => e.MessageId == messageId));

        using var edit = await client.PatchAsJsonAsync($"/v2/messages/{messageId}", new { body = "the answer" });
        Assert.Equal(202, (int)edit.StatusCode);
        await host.AdvanceUntilAsync(async () => (await host.EventsAsync(Phone)).Any(e => e.Type == "message.edited" && e.MessageId == messageId));

        using var unsend = await client.DeleteAsync($"/v2/messages/{messageId}");
        Assert.Equal(202, (int)unsend.StatusCode);
        await host.AdvanceUntilAsync(async () => (await host.EventsAsync(Phone)).Any(e => e.Type == "message.unsent" && e.MessageId == messageId));
    }
}
