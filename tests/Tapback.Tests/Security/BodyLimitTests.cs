using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Tapback.Tests.AgentLink;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Security;

/// <summary>
/// Every endpoint takes a body of a size that fits it: a larger one is 413 problem+json before it is
/// read, a body over Kestrel's own limit too, and a body that trickles in is 408, never a 500.
/// </summary>
public sealed class BodyLimitTests : IAsyncLifetime
{
    private TapbackTestHost _host = null!;
    private string _token = null!;

    public async Task InitializeAsync()
    {
        _host = await TapbackTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Tapback:Admin:Token"] = "limits-admin-token-0123456789abcdef",
            // The shortest grace Kestrel allows, so a stalled body is refused within seconds.
            ["Tapback:Http:MinBodyDataRate"] = "240",
            ["Tapback:Http:MinBodyDataRateGracePeriod"] = "00:00:02",
        });
        _token = await GatewayScript.PairAsync(_host, "+15550104501");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("/auth/exchange")]
    [InlineData("/api/dashboard/signin")]
    public async Task SignIn_BodyOverItsLimit_413ProblemJson(string path)
    {
        var body = "{\"token\":\"" + new string('a', 70 * 1024) + "\"}";
        using var response = await _host.Client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("bytes", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_ChunkedBodyOverItsLimit_413ProblemJson()
    {
        var body = "{\"phone\":\"" + new string('1', 200 * 1024) + "\"}";
        using var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(body)));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/exchange") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/mcp")]
    [InlineData("/v2/messages")]
    [InlineData("/api/simulator/messages")]
    [InlineData("/webhooks/simulator")]
    public async Task AnyEndpoint_BodyOverKestrelsDefaultLimit_413ProblemJson(string path)
    {
        var (status, contentType, body) = await RawHttp.SendPartialAsync(_host.BaseAddress, "POST", path, contentLength: 31L * 1024 * 1024, "{\"a\":\""u8.ToArray(), $"Authorization: Bearer {_token}\r\n");

        Assert.Equal(413, status);
        Assert.StartsWith("application/problem+json", contentType, StringComparison.Ordinal);
        Assert.Contains("bytes", (string?)body?["detail"] ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task SlowBody_StallsPastTheGracePeriod_408ProblemJson()
    {
        var (status, contentType, body) = await RawHttp.SendPartialAsync(_host.BaseAddress, "POST", "/api/simulator/messages", contentLength: 4000, "{\"from\":\"+15550100002\",\"text\":\""u8.ToArray());

        Assert.Equal(408, status);
        Assert.StartsWith("application/problem+json", contentType, StringComparison.Ordinal);
        Assert.Contains("slowly", (string?)body?["detail"] ?? "", StringComparison.Ordinal);
    }
}
