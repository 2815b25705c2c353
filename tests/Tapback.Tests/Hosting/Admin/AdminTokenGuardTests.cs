using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Tapback.Tests.Dashboard;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Hosting.Admin;

/// <summary>Wrong admin tokens are limited per client address, on the host's fake clock.</summary>
public sealed class AdminTokenGuardTests : IAsyncLifetime
{
    private const int Limit = 3;
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    private TapbackTestHost _host = null!;

    public async Task InitializeAsync()
    {
        var settings = DashboardClient.Settings();
        settings["Tapback:Admin:MaxFailedAttempts"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Tapback:Admin:FailureWindow"] = "00:10:00";
        _host = await TapbackTestHost.StartAsync(settings);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Bearer_WrongTokensPastTheLimit_Is429WithRetryAfterUntilTheWindowEnds()
    {
        using var client = ClientFrom(IPAddress.Loopback);
        for (var attempt = 0; attempt < Limit; attempt++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await AdminAsync(client, $"wrong-{attempt}")).StatusCode);
        }

        _host.Time.Advance(TimeSpan.FromMinutes(4));
        using var refused = await AdminAsync(client, "wrong-again");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromMinutes(6), refused.Headers.RetryAfter?.Delta);
        Assert.Contains("Tapback:Admin:MaxFailedAttempts", (string?)JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["detail"], StringComparison.Ordinal);

        // Locked out, even the right token is not compared, so a guess that happens to be right tells nothing.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await AdminAsync(client, DashboardClient.AdminToken)).StatusCode);

        _host.Time.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(HttpStatusCode.OK, (await AdminAsync(client, DashboardClient.AdminToken)).StatusCode);
    }

    [Fact]
    public async Task Bearer_RightToken_IsNotCountedAgainstTheClient()
    {
        using var client = ClientFrom(IPAddress.Loopback);
        for (var attempt = 0; attempt < Limit * 3; attempt++)
        {
            Assert.Equal(HttpStatusCode.OK, (await AdminAsync(client, DashboardClient.AdminToken)).StatusCode);
        }

        for (var attempt = 0; attempt < Limit; attempt++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await AdminAsync(client, "wrong")).StatusCode);
        }
    }

    [Fact]
    public async Task Bearer_OneClientLockedOut_AnotherAddressStillSignsIn()
    {
        using var guesser = ClientFrom(IPAddress.Loopback);
        using var operatorClient = ClientFrom(IPAddress.Parse("127.0.0.2"));
        for (var attempt = 0; attempt <= Limit; attempt++)
        {
            await AdminAsync(guesser, "wrong");
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await AdminAsync(guesser, DashboardClient.AdminToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await AdminAsync(operatorClient, DashboardClient.AdminToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await AdminAsync(operatorClient, "wrong")).StatusCode);
    }

    [Fact]
    public async Task SignIn_SharesTheCountWithBearer_AndIs429WithRetryAfter()
    {
        using var dashboard = DashboardClient.Anonymous(_host);
        using var client = ClientFrom(IPAddress.Loopback);
        Assert.Equal(HttpStatusCode.Unauthorized, (await AdminAsync(client, "wrong")).StatusCode);
        for (var attempt = 1; attempt < Limit; attempt++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await dashboard.SignInAsync($"wrong-{attempt}")).StatusCode);
        }

        using var refused = await dashboard.SignInAsync(DashboardClient.AdminToken);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Window, refused.Headers.RetryAfter?.Delta);
        Assert.False(refused.Headers.Contains("Set-Cookie"));

        _host.Time.Advance(Window);
        Assert.Equal(HttpStatusCode.NoContent, (await dashboard.SignInAsync(DashboardClient.AdminToken)).StatusCode);
    }

    private async Task<HttpResponseMessage> AdminAsync(HttpClient client, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_host.BaseAddress, "/api/admin/integrations"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }

    // Linux answers the whole 127/8 on loopback, so a second source address is a second client.
    private static HttpClient ClientFrom(IPAddress source) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(source, 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    });
}
