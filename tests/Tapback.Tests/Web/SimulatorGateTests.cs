using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Tapback.Tests.Dashboard;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Web;

/// <summary>
/// The simulator is a local tool: open on loopback, behind the admin credential once Tapback listens on
/// the network. The "network" host binds every address (http://0.0.0.0:0) and is reached over 127.0.0.1.
/// </summary>
public sealed class SimulatorGateTests : IAsyncLifetime
{
    private const string Phone = "+15551234567";
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    private TapbackTestHost _host = null!;

    public static TheoryData<string, string> Surfaces => new()
    {
        { "GET", "/simulator" },
        { "POST", "/api/simulator/messages" },
        { "POST", "/api/simulator/reactions" },
        { "GET", "/api/simulator/conversations/%2B15551234567/events" },
        { "GET", "/api/simulator/conversations/%2B15551234567/stream" },
        { "GET", "/api/simulator/attachments/att_anything" },
    };

    public async Task InitializeAsync() => _host = await StartOnNetworkAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [MemberData(nameof(Surfaces))]
    public async Task Simulator_OnTheNetworkWithoutCredential_Is401ProblemJson(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = JsonContent.Create(new { from = Phone, text = "hello", messageId = "msg_x", reaction = "love" });
        }

        using var response = await _host.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Tapback:Simulator:AllowAnonymous", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simulator_OnTheNetworkWithWrongBearer_Is401AndStoresNothing()
    {
        using var client = BearerClient(_host, "not-the-admin-token");

        using var sent = await client.PostAsJsonAsync("/api/simulator/messages", new { from = Phone, text = "hello" });

        Assert.Equal(HttpStatusCode.Unauthorized, sent.StatusCode);
        using var admin = BearerClient(_host, DashboardClient.AdminToken);
        Assert.Empty(await admin.GetFromJsonAsync<JsonElement[]>($"/api/simulator/conversations/{Uri.EscapeDataString(Phone)}/events") ?? []);
    }

    [Fact]
    public async Task Simulator_OnTheNetworkWrongBearersPastTheAdminLimit_Is429WithRetryAfter()
    {
        using var client = BearerClient(_host, "not-the-admin-token");
        for (var attempt = 0; attempt < 10; attempt++)
        {
            using var refused = await client.GetAsync("/simulator");
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        using var limited = await client.GetAsync("/simulator");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromMinutes(15), limited.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task Simulator_OnTheNetworkWithAdminBearer_PageApiStreamAndAttachmentsWork()
    {
        using var client = BearerClient(_host, DashboardClient.AdminToken);

        await UseEverySurfaceAsync(client);
    }

    [Fact]
    public async Task Simulator_OnTheNetworkWithDashboardCookie_PageApiStreamAndAttachmentsWork()
    {
        using var browser = await DashboardClient.SignedInAsync(_host);

        await UseEverySurfaceAsync(browser.Http);
    }

    [Fact]
    public async Task Simulator_OnTheNetworkWithAllowAnonymous_OpenWithoutCredential()
    {
        await using var host = await StartOnNetworkAsync(new() { ["Tapback:Simulator:AllowAnonymous"] = "true" });

        await UseEverySurfaceAsync(host.Client);
    }

    [Fact]
    public async Task Simulator_LoopbackOnly_OpenWithoutCredential()
    {
        await using var host = await TapbackTestHost.StartAsync(DashboardClient.Settings());

        await UseEverySurfaceAsync(host.Client);
    }

    [Fact]
    public async Task Simulator_LoopbackBehindADeclaredProxy_NeedsTheCredential()
    {
        // A proxy on this machine relays the network's requests from 127.0.0.1: loopback is no longer local.
        var settings = DashboardClient.Settings();
        settings["Tapback:ForwardedHeaders:KnownProxies:0"] = "127.0.0.1";
        await using var host = await TapbackTestHost.StartAsync(settings);

        using var response = await host.Client.GetAsync("/api/simulator/conversations/%2B15551234567/events");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("X-Forwarded-For", "203.0.113.5")]
    [InlineData("X-Real-IP", "203.0.113.5")]
    [InlineData("Forwarded", "for=203.0.113.5")]
    public async Task Simulator_LoopbackRelayedByAnUndeclaredProxy_NeedsTheCredential(string header, string value)
    {
        // nginx on this machine in front of a loopback-only Tapback, never declared: its headers give it away.
        await using var host = await TapbackTestHost.StartAsync(DashboardClient.Settings());
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/simulator/conversations/%2B15551234567/events");
        request.Headers.TryAddWithoutValidation(header, value);

        using var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("rebind.example")]
    [InlineData("rebind.example:5000")]
    [InlineData("192.168.1.20")]
    public async Task Simulator_LoopbackReachedUnderAnotherHostName_NeedsTheCredential(string host)
    {
        // DNS rebinding: a page whose name now points at 127.0.0.1 calls a loopback-only Tapback from
        // the operator's own browser, with its own name in Host.
        await using var tapback = await TapbackTestHost.StartAsync(DashboardClient.Settings());
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/simulator/messages")
        {
            Content = JsonContent.Create(new { from = "+15551234567", text = "/setup" }),
        };
        request.Headers.Host = host;

        using var response = await tapback.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Simulator_CrossSiteWithTheDashboardCookie_IsRefused()
    {
        using var browser = await DashboardClient.SignedInAsync(_host);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/simulator/messages") { Content = JsonContent.Create(new { from = Phone, text = "forged" }) };
        request.Headers.Add("Origin", "https://evil.example");

        using var response = await browser.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    internal static Task<TapbackTestHost> StartOnNetworkAsync(Dictionary<string, string?>? extra = null)
    {
        var settings = DashboardClient.Settings();
        settings["urls"] = "http://0.0.0.0:0";
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        return TapbackTestHost.StartAsync(settings);
    }

    private static HttpClient BearerClient(TapbackTestHost host, string token)
    {
        var client = new HttpClient { BaseAddress = host.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>The page, a message with a photo, its events, its stream and the photo, each answered as on loopback.</summary>
    private static async Task UseEverySurfaceAsync(HttpClient client)
    {
        using var page = await client.GetAsync("/simulator");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);

        using var sent = await client.PostAsJsonAsync("/api/simulator/messages", new
        {
            from = Phone,
            text = "a pixel",
            attachments = new[] { new { fileName = "pixel.png", contentType = "image/png", base64 = Convert.ToBase64String(Png) } },
        });
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);

        var events = await client.GetFromJsonAsync<JsonElement[]>($"/api/simulator/conversations/{Uri.EscapeDataString(Phone)}/events");
        var mine = Assert.Single(events!, e => e.GetProperty("type").GetString() == "message.sent");
        Assert.Equal(Png, await client.GetByteArrayAsync(mine.GetProperty("attachments")[0].GetProperty("url").GetString()));

        using var reaction = await client.PostAsJsonAsync("/api/simulator/reactions", new { from = Phone, messageId = mine.GetProperty("messageId").GetString(), reaction = "love" });
        Assert.Equal(HttpStatusCode.Accepted, reaction.StatusCode);

        using var stream = await client.GetAsync($"/api/simulator/conversations/{Uri.EscapeDataString(Phone)}/stream", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, stream.StatusCode);
        Assert.Equal("text/event-stream", stream.Content.Headers.ContentType?.MediaType);
    }
}
