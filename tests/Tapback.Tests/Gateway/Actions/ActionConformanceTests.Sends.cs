using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Tapback.Storage;

namespace Tapback.Tests.Gateway.Actions;

/// <summary>The scenarios only a send has: its limits, and one key carried by two surfaces.</summary>
public sealed partial class ActionConformanceTests
{
    private const int MaxBodyLength = 300;

    [Fact]
    public async Task Send_LongerThanTheLimit_IsRefusedAlikeWithTheKeyToSetAndWritesNothing()
    {
        var refusals = new List<(string Surface, string Action, string? Reason)>();
        foreach (var surface in _surfaces)
        {
            refusals.Add((surface.Name, "send", await AssertRefusedAsync(surface, () => surface.SendAsync(Mine, new string('x', MaxBodyLength + 1), key: null))));
            await AssertWritesAsync(1, surface, () => surface.SendAsync(Mine, new string('y', MaxBodyLength), key: null));
        }

        AssertSameReasonPerAction(refusals);
        Assert.Contains($"{MaxBodyLength + 1} characters", refusals[0].Reason, StringComparison.Ordinal);
        Assert.Contains("Tapback:Actions:MaxBodyLength", refusals[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_WithNothingInIt_IsRefusedAlikeAndWritesNothing()
    {
        var refusals = new List<(string Surface, string Action, string? Reason)>();
        foreach (var surface in _surfaces)
        {
            refusals.Add((surface.Name, "empty", await AssertRefusedAsync(surface, () => surface.SendAsync(Mine, string.Empty, key: null))));
            refusals.Add((surface.Name, "blank", await AssertRefusedAsync(surface, () => surface.SendAsync(Mine, "   ", key: null))));
        }

        AssertSameReasonPerAction(refusals);
        Assert.Equal(refusals[0].Reason, refusals[1].Reason);
        Assert.Contains("nothing to send", refusals[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_TheSameKeyOnAnotherSurface_ReportsTheFirstSendAndWritesNothing()
    {
        foreach (var first in _surfaces)
        {
            foreach (var second in _surfaces.Where(surface => surface != first))
            {
                var key = $"cross-{first.Name}-{second.Name}";
                var text = $"once, {first.Name} then {second.Name}";
                var made = await AssertWritesAsync(1, first, () => first.SendAsync(Mine, text, key));
                var messageIds = made.MessageIds.Count > 0 ? made.MessageIds : [await LastOutboxMessageAsync()];
                await _host.AdvanceUntilAsync(async () => await OutboxStateAsync(messageIds[0]) == "done");

                var again = await AssertWritesAsync(0, second, () => second.SendAsync(Mine, text, key));
                Assert.True(again.Accepted, $"{first.Name} then {second.Name}: the repeat was refused: {again.Reason}");
                if (second is WebSocketSurface socket)
                {
                    // The WebSocket answers a send by its report: the first send's, naming the id it asked with.
                    await socket.HeardAsync("message.sent", frame => (string?)frame["data"]!["messageId"] == messageIds[0] && (string?)frame["data"]!["clientMessageId"] == key);
                }
                else
                {
                    Assert.Equal(messageIds, again.MessageIds);
                }
            }
        }
    }

    private async Task<string> LastOutboxMessageAsync()
    {
        await using var connection = await _host.Services.GetRequiredService<Database>().OpenAsync();
        return await connection.ExecuteScalarAsync<string>("SELECT message_id FROM outbox WHERE message_id IS NOT NULL ORDER BY id DESC LIMIT 1")
            ?? throw new InvalidOperationException("No message was written.");
    }

    private async Task<string?> OutboxStateAsync(string messageId)
    {
        await using var connection = await _host.Services.GetRequiredService<Database>().OpenAsync();
        return await connection.ExecuteScalarAsync<string?>("SELECT state FROM outbox WHERE message_id = @messageId", new { messageId });
    }
}
