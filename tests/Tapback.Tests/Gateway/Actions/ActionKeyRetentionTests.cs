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
public sealed class ActionKeyRetentionTests : IAsyncLifetime
{
    private const string Phone = "+15551270401";
    private TapbackTestHost _host = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _host = await TapbackTestHost.StartAsync();
        _client = RestFixture.ClientFor(_host, await GatewayScript.PairAsync(_host, Phone));
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task Key_InsideTheWindow_IsHonouredAndAfterItIsForgotten()
    {
        var (first, sent) = await RestFixture.PostAsync(_client, "/v2/messages", new { to = Phone, body = "once" }, "retained");
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);

        // Six days on, a sweep keeps the key: the same request is the first answer, another is a conflict.
        _host.Time.Advance(TimeSpan.FromDays(6));
        Assert.Equal(0, await Sweeper.SweepAsync());
        var (again, repeated) = await RestFixture.PostAsync(_client, "/v2/messages", new { to = Phone, body = "once" }, "retained");
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        Assert.Equal((string?)sent!["message_id"], (string?)repeated!["message_id"]);
        var (conflict, _) = await RestFixture.PostAsync(_client, "/v2/messages", new { to = Phone, body = "something else" }, "retained");
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);

        // Past seven days the hourly sweep forgets it by itself: another request with it is no conflict any more.
        _host.Time.Advance(TimeSpan.FromDays(1));
        await _host.AdvanceUntilAsync(async () => await KeysAsync() == 0, step: TimeSpan.FromMinutes(10));
        var (later, _) = await RestFixture.PostAsync(_client, "/v2/messages", new { to = Phone, body = "something else" }, "retained");
        Assert.Equal(HttpStatusCode.Accepted, later.StatusCode);
    }

    private ActionKeySweeper Sweeper => _host.Services.GetServices<IHostedService>().OfType<ActionKeySweeper>().Single();

    private async Task<long> KeysAsync()
    {
        await using var connection = await _host.Services.GetRequiredService<Database>().OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM action_keys");
    }
}
