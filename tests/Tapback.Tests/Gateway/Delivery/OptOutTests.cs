using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Tapback.Gateway.Outbox;
using Tapback.Messaging;
using Tapback.Tests.Infrastructure;
using static Tapback.Tests.Gateway.Delivery.DeliveryTestHost;

namespace Tapback.Tests.Gateway.Delivery;

/// <summary>STOP gets one confirmation and silence from every agent until START.</summary>
public sealed class OptOutTests
{
    [Fact]
    public async Task Stop_ThenMessagesThenStart_OneConfirmationEachNothingAnsweredBetween()
    {
        var transport = new RecordingTransport("optout");
        await using var host = await StartAsync(transport);

        await ReceiveAsync(host, transport, "evt-1", "STOP");
        await ReceiveAsync(host, transport, "evt-2", "stop!");
        await ReceiveAsync(host, transport, "evt-3", "are you there?");
        await host.AdvanceUntilAsync(host.IsIdleAsync, step: TimeSpan.FromSeconds(1));
        var whileStopped = transport.Actions.OfType<SendMessageAction>().ToList();

        await ReceiveAsync(host, transport, "evt-4", "Start");
        await host.AdvanceUntilAsync(host.IsIdleAsync, step: TimeSpan.FromSeconds(1));
        await ReceiveAsync(host, transport, "evt-5", "hello again");
        await host.AdvanceUntilAsync(host.IsIdleAsync, step: TimeSpan.FromSeconds(1));

        var confirmation = Assert.Single(whileStopped);
        Assert.Contains("unsubscribed", confirmation.Text, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(host, "SELECT count(*) FROM agent_queue WHERE message_id IN (SELECT id FROM messages WHERE body IN ('STOP', 'stop!', 'are you there?', 'Start'))"));
        var after = transport.Actions.OfType<SendMessageAction>().Skip(1).ToList();
        Assert.Contains("subscribed again", after[0].Text, StringComparison.Ordinal);
        Assert.True(after.Count >= 2, "After START the agent answers again.");
        Assert.Equal(0, await CountAsync(host, "SELECT count(*) FROM opt_outs"));
    }

    [Fact]
    public async Task AgentSend_ToSomeoneWhoTextedStop_FailsWithTheReasonAndIsNotSent()
    {
        var transport = new RecordingTransport("optout");
        await using var host = await StartAsync(transport);
        await ReceiveAsync(host, transport, "evt-1", "hi");
        await host.AdvanceUntilAsync(host.IsIdleAsync, step: TimeSpan.FromSeconds(1));
        await ReceiveAsync(host, transport, "evt-2", "UNSUBSCRIBE");
        await host.AdvanceUntilAsync(host.IsIdleAsync, step: TimeSpan.FromSeconds(1));
        var sentBefore = transport.Actions.OfType<SendMessageAction>().Count();
        var conversationId = (await QueryAsync<string>(host, "SELECT id FROM conversations")).Single();

        await host.Services.GetRequiredService<OutboxWriter>().WriteAsync(conversationId, [AgentAction.Message("late:1", "One more thing!")]);
        await host.AdvanceUntilAsync(host.IsIdleAsync, step: TimeSpan.FromSeconds(1));

        Assert.Equal(sentBefore, transport.Actions.OfType<SendMessageAction>().Count());
        var error = (await QueryAsync<string>(host, "SELECT last_error FROM outbox WHERE idempotency_key = 'late:1' AND state = 'failed'")).Single();
        Assert.Contains("STOP", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stop_IsVisibleToOperators_InTheAdminApi()
    {
        var transport = new RecordingTransport("optout");
        await using var host = await StartAsync(transport, new Dictionary<string, string?> { ["Tapback:Admin:Token"] = "admin-secret-for-tests-0123456789" });
        await ReceiveAsync(host, transport, "evt-1", "quit");

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/admin/opt-outs");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "admin-secret-for-tests-0123456789");
        using var response = await host.Client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var entry = Assert.Single(JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray());
        Assert.Equal(Phone, (string?)entry!["handle"]);
        Assert.Equal("QUIT", (string?)entry["keyword"]);
        Assert.Equal("optout", (string?)entry["transport"]);
    }

    [Theory]
    [InlineData("STOP", "STOP")]
    [InlineData("  stop. ", "STOP")]
    [InlineData("Unsubscribe!", "UNSUBSCRIBE")]
    [InlineData("don't stop", null)]
    [InlineData("stopped", null)]
    [InlineData("", null)]
    public void StopWord_WholeMessageOnly(string text, string? expected) =>
        Assert.Equal(expected, Tapback.Gateway.OptOut.OptOutKeywords.StopWord(text));
}
