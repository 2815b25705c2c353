using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Tapback.Dashboard;
using Tapback.Storage;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Dashboard;

/// <summary>
/// The live feed's watermark must move whenever what the dashboard shows has changed, even when the
/// change undid itself between two polls: a dead webhook delivery replayed and delivered within one
/// poll left the pending count where it was, and the open page showed the row pending for good.
/// </summary>
public sealed class DashboardFeedTests : IAsyncLifetime
{
    private TapbackTestHost _host = null!;

    private DashboardFeed Feed => _host.Services.GetRequiredService<DashboardFeed>();

    public async Task InitializeAsync() => _host = await TapbackTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Watermark_DeadDeliveryReplayedAndDeliveredBetweenTwoPolls_Changes()
    {
        await SeedDeliveryAsync(state: "dead", attempts: 8);
        var dead = await Feed.WatermarkAsync();

        // The replay and the delivery, with the clock held still (the attempt's time may even repeat).
        await ExecuteAsync("UPDATE webhook_deliveries SET state = 'pending', attempts = 0 WHERE id = 'del'");
        await ExecuteAsync("UPDATE webhook_deliveries SET state = 'delivered', attempts = 1, last_attempt_at = 1000, delivered_at = 1000 WHERE id = 'del'");

        Assert.NotEqual(dead, await Feed.WatermarkAsync());
    }

    [Fact]
    public async Task Watermark_ADeliveryAttemptThatFailsAgain_Changes()
    {
        await SeedDeliveryAsync(state: "pending", attempts: 1);
        var before = await Feed.WatermarkAsync();

        // Still pending, one more failed attempt: the page shows the attempt count and the last error.
        await ExecuteAsync("UPDATE webhook_deliveries SET attempts = 2, last_attempt_at = 61000, last_error = 'HTTP 500' WHERE id = 'del'");

        Assert.NotEqual(before, await Feed.WatermarkAsync());
    }

    /// <summary>One subscription and one delivery 'del' in <paramref name="state"/>, last tried at 1000.</summary>
    private async Task SeedDeliveryAsync(string state, int attempts)
    {
        await ExecuteAsync(
            "INSERT INTO webhook_subscriptions (id, integration_id, url, events, secret, created_at, updated_at) VALUES ('sub', 'int', 'http://127.0.0.1:9/', '[]', 's', 0, 0)");
        await using var connection = await _host.Services.GetRequiredService<Database>().OpenAsync();
        await connection.ExecuteAsync(
            """
            INSERT INTO webhook_deliveries (id, event_id, subscription_id, integration_id, type, conversation_id, state, attempts, next_attempt_at, last_attempt_at, created_at)
            VALUES ('del', 'evt', 'sub', 'int', 'message.received', 'conv', @state, @attempts, 0, 1000, 0)
            """,
            new { state, attempts });
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = await _host.Services.GetRequiredService<Database>().OpenAsync();
        await connection.ExecuteAsync(sql);
    }
}
