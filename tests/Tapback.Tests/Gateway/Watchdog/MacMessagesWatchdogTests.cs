using Tapback.Tests.Transports.MacMessages;
using Tapback.Transports.MacMessages.AppleScript;

namespace Tapback.Tests.Gateway.Watchdog;

/// <summary>The watchdog on a Mac's own Messages, with chat.db a real SQLite file and the fake osascript playing Messages.</summary>
public sealed class MacMessagesWatchdogTests
{
    private static readonly Dictionary<string, string?> Watchdog = new()
    {
        ["Tapback:Admin:Token"] = WatchdogHealth.AdminToken,
        ["Tapback:Watchdog:CheckInterval"] = "00:00:10",
        ["Tapback:Watchdog:DegradedAfter"] = "00:01:00",
        ["Tapback:Watchdog:RecoveredAfter"] = "00:01:00",
    };

    [Fact]
    public async Task Watchdog_ChatDbNotAdvancingWhileSendsAreReportedSent_DegradedUntilMessagesWritesAgain()
    {
        await using var mac = await MacMessagesHost.StartAsync(Watchdog);
        // Messages takes the send and says it sent it, but writes nothing: a hung Messages.app.
        mac.Scripts.OnSend = (_, _) => Task.FromResult(new AppleScriptResult(0, string.Empty, string.Empty));
        mac.ChatDb.AddMessage(mac.Chat.RowId, mac.Handle, "hello", mac.Now);
        await mac.WaitForAnswerAsync();

        await mac.PollUntilAsync(async () => (await WatchdogHealth.EntryAsync(mac.Host, MacMessagesHost.Name)).Status == "Degraded");
        Assert.Contains("chat.db has not advanced", (await WatchdogHealth.EntryAsync(mac.Host, MacMessagesHost.Name)).Description, StringComparison.Ordinal);

        // Messages writes again (the person's next message lands in chat.db).
        mac.Scripts.OnSend = (arguments, _) =>
        {
            mac.WriteOwnRow(arguments);
            return Task.FromResult(new AppleScriptResult(0, string.Empty, string.Empty));
        };
        mac.ChatDb.AddMessage(mac.Chat.RowId, mac.Handle, "still there?", mac.Now);
        await mac.PollUntilAsync(async () => (await WatchdogHealth.EntryAsync(mac.Host, MacMessagesHost.Name)).Status == "Healthy");
        Assert.Equal(1, await mac.CountAsync("SELECT count(*) FROM transport_health WHERE transport = 'mac' AND state = 'healthy' AND version = 2 AND degraded_since IS NOT NULL"));
    }

    [Fact]
    public async Task Canary_AppearsInChatDbAndIsDelivered_StaysHealthy()
    {
        await using var mac = await MacMessagesHost.StartAsync(new Dictionary<string, string?>(Watchdog)
        {
            [$"Tapback:Transports:{MacMessagesHost.Name}:Watchdog:Canary:Handle"] = MacMessagesHost.Phone,
            [$"Tapback:Transports:{MacMessagesHost.Name}:Watchdog:Canary:Every"] = "00:30:00",
            [$"Tapback:Transports:{MacMessagesHost.Name}:Watchdog:Canary:Within"] = "00:05:00",
        });
        string? guid = null;
        await mac.PollUntilAsync(async () =>
        {
            var found = await mac.QueryAsync<string?>("SELECT provider_id FROM messages WHERE body LIKE 'Tapback watchdog canary%' AND provider_id IS NOT NULL");
            guid = found.Count > 0 ? found[0] : null;
            return guid is not null;
        });
        Assert.Single(mac.Scripts.SentTexts, text => text.StartsWith("Tapback watchdog canary", StringComparison.Ordinal));

        mac.ChatDb.MarkDelivered(guid!, mac.Now);
        await mac.PollUntilAsync(async () => await mac.CountAsync("SELECT count(*) FROM messages WHERE provider_id = @guid AND state = 'delivered'", new { guid }) == 1);
        var until = mac.Now + TimeSpan.FromMinutes(10);
        await mac.Host.AdvanceUntilAsync(
            async () => await mac.CountAsync("SELECT count(*) FROM transport_health WHERE checked_at >= @at", new { at = until.ToUnixTimeMilliseconds() }) == 1,
            step: TimeSpan.FromSeconds(5));

        Assert.Equal("Healthy", (await WatchdogHealth.EntryAsync(mac.Host, MacMessagesHost.Name)).Status);
        Assert.Equal(1, await mac.CountAsync("SELECT count(*) FROM transport_health WHERE version = 0 AND pending_since IS NULL AND canary_problem IS NULL"));
        // Canary rows from the operator's handle reach no agent: nothing was answered.
        Assert.Single(mac.Scripts.Runs);
    }
}
