using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Tapback.Storage;
using Tapback.Tests.AgentLink;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Gateway.Governor.Loops;

/// <summary>
/// A paused conversation of a paired phone: its sends wait, in order, and the resume lets them go (this
/// needs the send governor's dispatcher hook, which asks <c>PausedConversationRule</c> before a send goes
/// out, from the gov-core branch: without it the sends are not held and that test fails at once, saying
/// so); a history purge takes the pauses with the conversation.
/// </summary>
public sealed class LoopBreakerHoldTests
{
    private const string Phone = "+15550142300";

    [Fact]
    public async Task Resume_SendsHeldWhilePaused_GoOutInTheirOrder()
    {
        await using var host = await TapbackTestHost.StartAsync(LoopScript.Settings(fastReplyRounds: 3));
        using var api = await PairAsync(host);

        var conversationId = await TripAsync(host, api);

        host.Time.Advance(TimeSpan.FromSeconds(5));
        var one = await SendAsync(api, "one");
        var two = await SendAsync(api, "two");
        var three = await SendAsync(api, "three");
        await host.AdvanceUntilAsync(async () => await StateAsync(host, one) == "held" || (await PhoneSawAsync(host)).Contains("three"));
        Assert.True(await StateAsync(host, one) == "held", "The first send after the pause went out: the dispatcher did not ask the governor's rules (merge gov-core).");
        Assert.Equal("queued", await StateAsync(host, three));
        Assert.DoesNotContain("one", await PhoneSawAsync(host));

        using var admin = LoopScript.Admin(host);
        using var resumed = await admin.PostAsync($"/api/admin/conversations/{conversationId}/resume", content: null);
        Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
        Assert.Equal(1, (int?)JsonNode.Parse(await resumed.Content.ReadAsStringAsync())!["released"]);
        await host.AdvanceUntilAsync(async () => await StateAsync(host, three) == "sent");

        Assert.Equal(["one", "two", "three"], (await PhoneSawAsync(host)).Where(text => text is "one" or "two" or "three"));
        Assert.Equal("sent", await StateAsync(host, two));
    }

    [Fact]
    public async Task Purge_DeletingTheIntegrationWithItsHistory_TakesThePausesWithTheConversation()
    {
        await using var host = await TapbackTestHost.StartAsync(LoopScript.Settings(fastReplyRounds: 3));
        using var api = await PairAsync(host);
        var conversationId = await TripAsync(host, api);
        using var admin = LoopScript.Admin(host);
        var integrationId = (string?)JsonNode.Parse(await admin.GetStringAsync("/api/admin/integrations"))!.AsArray().Single()!["id"];

        using var deleted = await admin.DeleteAsync($"/api/admin/integrations/{integrationId}?purgeHistory=true");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Empty(await LoopScript.PausesAsync(host, conversationId));
    }

    /// <summary>Pairs the phone; a client with its integration's token.</summary>
    private static async Task<HttpClient> PairAsync(TapbackTestHost host)
    {
        var api = new HttpClient { BaseAddress = host.BaseAddress };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await GatewayScript.PairAsync(host, Phone));
        return api;
    }

    /// <summary>The integration's bot (REST) and a bot on the phone answering it within half a second, until the breaker trips.</summary>
    private static async Task<string> TripAsync(TapbackTestHost host, HttpClient api)
    {
        for (var round = 1; round <= 3; round++)
        {
            host.Time.Advance(TimeSpan.FromSeconds(5));
            var sent = await SendAsync(api, $"Agent line {round}");
            await host.AdvanceUntilAsync(async () => await StateAsync(host, sent) == "sent");
            host.Time.Advance(TimeSpan.FromMilliseconds(500));
            await host.SendAsync(Phone, $"Bot line {round}");
        }

        var conversationId = await LoopScript.ConversationIdAsync(host, Phone);
        Assert.Single(await LoopScript.PausesAsync(host, conversationId));
        return conversationId;
    }

    private static async Task<string> SendAsync(HttpClient api, string body)
    {
        using var response = await api.PostAsJsonAsync("/v2/messages", new { to = Phone, body });
        response.EnsureSuccessStatusCode();
        return (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["message_id"]!;
    }

    private static async Task<string?> StateAsync(TapbackTestHost host, string messageId)
    {
        await using var connection = await host.Services.GetRequiredService<Database>().OpenAsync();
        return await connection.ExecuteScalarAsync<string>("SELECT state FROM messages WHERE id = @messageId", new { messageId });
    }

    private static async Task<IReadOnlyList<string?>> PhoneSawAsync(TapbackTestHost host) =>
        [.. (await host.EventsAsync(Phone)).Where(e => e.Type == "message.received").Select(e => e.Text)];
}
