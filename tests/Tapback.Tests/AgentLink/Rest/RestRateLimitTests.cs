using System.Net;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.AgentLink.Rest;

public sealed class RestRateLimitTests
{
    [Fact]
    public async Task Requests_OverThePermitLimit_Are429WithRetryAfter()
    {
        await using var host = await TapbackTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Tapback:Rest:PermitLimit"] = "2",
            ["Tapback:Rest:Window"] = "00:10:00",
        });
        using var client = RestFixture.ClientFor(host, await GatewayScript.PairAsync(host, "+15551240021"));

        await RestFixture.GetAsync(client, "/v2/conversations");
        await RestFixture.GetAsync(client, "/v2/conversations");
        var (response, body) = await RestFixture.GetAsync(client, "/v2/conversations");

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Contains("Tapback:Rest:PermitLimit", (string?)body!["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requests_AfterTheWindowOnTheInjectedClock_AreAllowedAgain()
    {
        await using var host = await TapbackTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Tapback:Rest:PermitLimit"] = "1",
            ["Tapback:Rest:Window"] = "00:10:00",
        });
        using var client = RestFixture.ClientFor(host, await GatewayScript.PairAsync(host, "+15551240022"));
        await RestFixture.GetAsync(client, "/v2/conversations");
        host.Time.Advance(TimeSpan.FromMinutes(4));

        var (refused, _) = await RestFixture.GetAsync(client, "/v2/conversations");
        host.Time.Advance(TimeSpan.FromMinutes(6));
        var (allowed, _) = await RestFixture.GetAsync(client, "/v2/conversations");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromMinutes(6), refused.Headers.RetryAfter!.Delta);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }
}
