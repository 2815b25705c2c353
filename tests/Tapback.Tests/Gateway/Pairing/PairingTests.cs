using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Tapback.Storage;
using Tapback.Tests.AgentLink;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Gateway.Pairing;

/// <summary>/setup codes and POST /auth/exchange, over real HTTP with the simulator as the phone.</summary>
public sealed class PairingTests : IAsyncLifetime
{
    private const string Phone = "+15551230001";
    private TapbackTestHost _host = null!;

    public async Task InitializeAsync() => _host = await TapbackTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Setup_TextedFromTheSimulator_RepliesWithASixDigitCodeAndNoAgentTypes()
    {
        var code = await GatewayScript.RequestCodeAsync(_host, Phone);

        Assert.Matches("^[0-9]{6}$", code);
        // Give the built-in agent every chance to (wrongly) answer /setup: nothing else arrives.
        await _host.AdvanceUntilAsync(_host.IsIdleAsync);
        var events = await _host.EventsAsync(Phone);
        var received = Assert.Single(events, e => e.Type == "message.received");
        Assert.Contains(code, received.Text!, StringComparison.Ordinal);
        Assert.DoesNotContain(events, e => e.Type == "typing.started");
    }

    [Fact]
    public async Task Setup_OnATransportWithReadReceipts_IsMarkedReadOnceBeforeTheCode()
    {
        var setup = await _host.SendAsync(Phone, "/setup");

        IReadOnlyList<PhoneEventDto> events = [];
        await _host.AdvanceUntilAsync(async () => (events = await _host.EventsAsync(Phone)).Any(e => e.Type == "message.received") && await _host.IsIdleAsync());

        var read = Assert.Single(events, e => e.Type == "read");
        Assert.Equal(setup, read.MessageId);
        Assert.True(events.ToList().IndexOf(read) < events.ToList().FindIndex(e => e.Type == "message.received"));
    }

    [Fact]
    public async Task Exchange_PhoneTheBuiltInAgentWasAnswering_IsToldItsAgentAnswersFromNowOnAndHowToUndo()
    {
        await _host.SendAsync(Phone, "hi there");
        await _host.WaitForRepliesAsync(Phone);

        await GatewayScript.PairAsync(_host, Phone);
        await _host.AdvanceUntilAsync(_host.IsIdleAsync);

        var notice = (await _host.EventsAsync(Phone)).Last(e => e.Type == "message.received");
        Assert.Contains("from now on its agent answers your texts here, not the built-in agent", notice.Text, StringComparison.Ordinal);
        Assert.Contains($"To undo, open the Tapback dashboard at Integrations › {Phone}", notice.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exchange_PhoneNoAgentHadAnswered_GetsNothingButItsCode()
    {
        await GatewayScript.PairAsync(_host, Phone);
        await _host.AdvanceUntilAsync(_host.IsIdleAsync);

        var received = Assert.Single(await _host.EventsAsync(Phone), e => e.Type == "message.received");
        Assert.Contains("setup code", received.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Setup_Code_IsNeverStoredInTheClear()
    {
        var code = await GatewayScript.RequestCodeAsync(_host, Phone);
        await _host.AdvanceUntilAsync(_host.IsIdleAsync);

        await using var connection = await _host.Services.GetRequiredService<Database>().OpenAsync();
        var stored = string.Join('\n', await connection.QueryAsync<string>(
            "SELECT body FROM messages UNION ALL SELECT payload FROM outbox UNION ALL SELECT code_hash || salt FROM pairing_codes"));
        Assert.DoesNotContain(code, stored, StringComparison.Ordinal);
        Assert.Contains("••••••", stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exchange_RightCode_ReturnsA256BitTokenOnce()
    {
        var code = await GatewayScript.RequestCodeAsync(_host, Phone);

        using var response = await GatewayScript.ExchangeAsync(_host, Phone, code);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var token = (string)body["token"]!;
        Assert.StartsWith("tbk_", token, StringComparison.Ordinal);
        Assert.Equal(32, Convert.FromBase64String(Base64(token["tbk_".Length..])).Length);
        Assert.Equal(Phone, (string?)body["phone"]);

        using var again = await GatewayScript.ExchangeAsync(_host, Phone, code);
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Exchange_ExpiredCode_Is401()
    {
        var code = await GatewayScript.RequestCodeAsync(_host, Phone);

        _host.Time.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        using var response = await GatewayScript.ExchangeAsync(_host, Phone, code);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Exchange_CodeJustBeforeExpiry_Pairs()
    {
        var code = await GatewayScript.RequestCodeAsync(_host, Phone);

        _host.Time.Advance(TimeSpan.FromMinutes(14));
        using var response = await GatewayScript.ExchangeAsync(_host, Phone, code);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Exchange_SixthTryAfterFiveWrongCodes_Is429EvenWithTheRightCode()
    {
        var code = await GatewayScript.RequestCodeAsync(_host, Phone);
        var wrong = code == "000000" ? "111111" : "000000";

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            using var response = await GatewayScript.ExchangeAsync(_host, Phone, wrong);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        using var sixth = await GatewayScript.ExchangeAsync(_host, Phone, code);
        Assert.Equal(HttpStatusCode.TooManyRequests, sixth.StatusCode);
        Assert.Contains("/setup", await sixth.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Setup_Again_ReplacesTheEarlierCode()
    {
        var first = await GatewayScript.RequestCodeAsync(_host, Phone);
        var second = await GatewayScript.RequestCodeAsync(_host, Phone);

        using var old = await GatewayScript.ExchangeAsync(_host, Phone, first);
        using var current = await GatewayScript.ExchangeAsync(_host, Phone, second);

        Assert.Equal(first == second ? HttpStatusCode.OK : HttpStatusCode.Unauthorized, old.StatusCode);
        Assert.Equal(first == second ? HttpStatusCode.Unauthorized : HttpStatusCode.OK, current.StatusCode);
    }

    [Fact]
    public async Task Exchange_NoCodeEverAsked_Is401()
    {
        using var response = await GatewayScript.ExchangeAsync(_host, "+15559990000", "123456");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("{\"phone\": \"+15551230001\", \"code\": ", "detail")]
    [InlineData("{\"code\": \"123456\"}", "phone")]
    [InlineData("{\"phone\": \"not a number\", \"code\": \"123456\"}", "phone")]
    [InlineData("{\"phone\": \"+15551230001\", \"code\": \"12ab56\"}", "code")]
    [InlineData("{\"phone\": \"+15551230001\"}", "code")]
    public async Task Exchange_BadInput_Is400NamingWhatIsWrong(string json, string named)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await _host.Client.PostAsync("/auth/exchange", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(named, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exchange_TooManyCallsFromOneAddress_Is429WithRetryAfter()
    {
        await using var host = await TapbackTestHost.StartAsync(new Dictionary<string, string?> { ["Tapback:Gateway:Pairing:ExchangePermitLimit"] = "2" });

        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            using var response = await host.Client.PostAsJsonAsync("/auth/exchange", new { phone = Phone, code = "123456" });
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.NotNull(response.Headers.RetryAfter);
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
    }

    private static string Base64(string base64Url)
    {
        var padded = base64Url.Replace('-', '+').Replace('_', '/');
        return padded.PadRight(padded.Length + ((4 - (padded.Length % 4)) % 4), '=');
    }
}
