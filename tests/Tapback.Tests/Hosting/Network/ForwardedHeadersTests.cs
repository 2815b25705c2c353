using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Options;
using Tapback.Tests.Dashboard;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Hosting.Network;

/// <summary>
/// X-Forwarded-For and X-Forwarded-Proto are believed only from the proxies Tapback:ForwardedHeaders
/// names. Every request here comes from 127.0.0.1; whether that is "the proxy" is the setting's choice.
/// </summary>
public sealed class ForwardedHeadersTests
{
    private const string Phone = "+15551230001";

    [Theory]
    [InlineData(null, null)]
    [InlineData("192.0.2.1", null)]
    [InlineData(null, "192.0.2.0/24")]
    public async Task Exchange_ForwardedForFromAnUndeclaredProxy_IsIgnoredAndLimitsKeyOnTheSocket(string? proxy, string? network)
    {
        await using var host = await StartAsync(proxy, network, new() { ["Tapback:Gateway:Pairing:ExchangePermitLimit"] = "2" });

        var statuses = new List<HttpStatusCode>();
        foreach (var client in new[] { "203.0.113.5", "203.0.113.6", "203.0.113.7" })
        {
            statuses.Add(await ExchangeAsync(host, client));
        }

        // Three "different clients" are one socket address: one bucket of two.
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
    }

    [Theory]
    [InlineData("127.0.0.1", null)]
    [InlineData(null, "127.0.0.0/8")]
    public async Task Exchange_TwoClientsBehindADeclaredProxy_GetSeparateBuckets(string? proxy, string? network)
    {
        await using var host = await StartAsync(proxy, network, new() { ["Tapback:Gateway:Pairing:ExchangePermitLimit"] = "2" });

        Assert.Equal(HttpStatusCode.Unauthorized, await ExchangeAsync(host, "203.0.113.5"));
        Assert.Equal(HttpStatusCode.Unauthorized, await ExchangeAsync(host, "203.0.113.5"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await ExchangeAsync(host, "203.0.113.5"));
        // The second client's bucket is its own, and a client cannot forge its way into a fresh one:
        // the proxy appends the address it saw, and that is the one counted.
        Assert.Equal(HttpStatusCode.Unauthorized, await ExchangeAsync(host, "203.0.113.6"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await ExchangeAsync(host, "198.51.100.9, 203.0.113.5"));
    }

    [Fact]
    public async Task SignIn_HttpsAtADeclaredProxy_CookieIsSecure()
    {
        await using var host = await StartAsync("127.0.0.1", null);

        var cookie = await SignInCookieAsync(host, "https");

        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task SignIn_HttpsClaimedByAnUndeclaredProxy_CookieIsNotSecure()
    {
        await using var host = await StartAsync(null, null);

        var cookie = await SignInCookieAsync(host, "https");

        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Start_BadProxyOrNetwork_FailsNamingEachKey()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => TapbackTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Tapback:ForwardedHeaders:KnownProxies:0"] = "10.0.0.5",
            ["Tapback:ForwardedHeaders:KnownProxies:1"] = "proxy.internal",
            ["Tapback:ForwardedHeaders:KnownNetworks:0"] = "the proxies",
            ["Tapback:ForwardedHeaders:KnownNetworks:1"] = "10.0.0.0/33",
        }));

        Assert.DoesNotContain("KnownProxies:0", error.Message, StringComparison.Ordinal);
        Assert.Contains("Tapback:ForwardedHeaders:KnownProxies:1", error.Message, StringComparison.Ordinal);
        Assert.Contains("Tapback:ForwardedHeaders:KnownNetworks:0", error.Message, StringComparison.Ordinal);
        Assert.Contains("Tapback:ForwardedHeaders:KnownNetworks:1", error.Message, StringComparison.Ordinal);
    }

    private static Task<TapbackTestHost> StartAsync(string? proxy, string? network, Dictionary<string, string?>? extra = null)
    {
        var settings = DashboardClient.Settings();
        if (proxy is not null)
        {
            settings["Tapback:ForwardedHeaders:KnownProxies:0"] = proxy;
        }

        if (network is not null)
        {
            settings["Tapback:ForwardedHeaders:KnownNetworks:0"] = network;
        }

        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        return TapbackTestHost.StartAsync(settings);
    }

    private static async Task<HttpStatusCode> ExchangeAsync(TapbackTestHost host, string forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/exchange") { Content = JsonContent.Create(new { phone = Phone, code = "123456" }) };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        using var response = await host.Client.SendAsync(request);
        return response.StatusCode;
    }

    private static async Task<string> SignInCookieAsync(TapbackTestHost host, string forwardedProto)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/dashboard/signin") { Content = JsonContent.Create(new { token = DashboardClient.AdminToken }) };
        request.Headers.Add("Origin", host.BaseAddress.GetLeftPart(UriPartial.Authority));
        request.Headers.Add("X-Forwarded-For", "203.0.113.5");
        request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        using var response = await host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        return Assert.Single(response.Headers.GetValues("Set-Cookie"), value => value.StartsWith("tapback_dashboard=", StringComparison.Ordinal));
    }
}
