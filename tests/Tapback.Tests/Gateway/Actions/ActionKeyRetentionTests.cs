using System.Net;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Tapback.Gateway.Actions;
using Tapback.Storage;
using Tapback.Tests.AgentLink;
using Tapback.Tests.AgentLink.Rest;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Gateway.Actions;

/// <summary>An idempotency key is honoured for <c>Tapback:Actions:KeyRetention</c> (7 days) and swept after it, on the fake clock.</summary>
public sealed class ActionKeyRetentionTests
{
    private const string Phone = "+15551270401";

    [Fact]
    public async Task Key_InsideTheWindow_IsHonouredAndAfterItIsForgotten()
    {
        await using var host = await TapbackTestHost.StartAsync();
        using var client = RestFixture.ClientFor(host, await GatewayScript.PairAsync(host, Phone));
        var sweeper = host.Services.GetServices<IHostedService>().OfType<ActionKeySweeper>().Single();
        var (first, sent) = await RestFixture.PostAsync(client, "/v2/messages", new { to = Phone, body = "once" }, "retained");
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);

        // Six days on, a sweep keeps the key: the same request is the first answer, another is a conflict.
        host.Time.Advance(TimeSpan.FromDays(6));
        Assert.Equal(0, await sweeper.SweepAsync());
        var (again, repeated) = await RestFixture.PostAsync(client, "/v2/messages", new { to = Phone, body = "once" }, "retained");
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        Assert.Equal((string?)sent!["message_id"], (string?)repeated!["message_id"]);
        var (conflict, _) = await RestFixture.PostAsync(client, "/v2/messages", new { to = Phone, body = "something else" }, "retained");
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);

        // Past seven days the hourly sweep forgets it by itself: another request with it is no conflict any more.
        host.Time.Advance(TimeSpan.FromDays(1));
        await host.AdvanceUntilAsync(async () => await KeysAsync(host) == 0, step: TimeSpan.FromMinutes(10));
        var (later, _) = await RestFixture.PostAsync(client, "/v2/messages", new { to = Phone, body = "something else" }, "retained");
        Assert.Equal(HttpStatusCode.Accepted, later.StatusCode);
    }

    private static async Task<long> KeysAsync(TapbackTestHost host)
    {
        await using var connection = await host.Services.GetRequiredService<Database>().OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM action_keys");
    }
}
