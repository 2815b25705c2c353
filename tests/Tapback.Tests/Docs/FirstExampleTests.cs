using System.Net;
using System.Text.Json.Nodes;
using Tapback.Tests.AgentLink;
using Tapback.Tests.AgentLink.Rest;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Docs;

/// <summary>
/// The first example of each agent-facing doc runs as written against a real Tapback on loopback,
/// with its variables (the base URL, the token, the code, the bot's URL) set to the test host's.
/// </summary>
public sealed class FirstExampleTests : IAsyncLifetime
{
    private TapbackTestHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await TapbackTestHost.StartAsync(new Dictionary<string, string?> { ["Tapback:Webhooks:AllowPrivateUrls"] = "true" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private string Tapback => _host.BaseAddress.GetLeftPart(UriPartial.Authority);

    [Fact]
    public async Task RestApi_FirstExample_SendsTheMessageAndPrintsItsIds()
    {
        var script = DocExample.Shell("rest-api.md");
        var phone = DocExample.Variable(script, "PHONE");
        var token = await GatewayScript.PairAsync(_host, phone);

        var printed = JsonNode.Parse(await DocExample.RunAsync(script, new Dictionary<string, string> { ["TAPBACK"] = Tapback, ["TOKEN"] = token }))!;

        Assert.Equal("queued", (string?)printed["status"]);
        Assert.StartsWith("msg_", (string?)printed["message_id"], StringComparison.Ordinal);
        await RestFixture.WaitForPhoneAsync(_host, phone, events => events.Any(e => e.Type == "message.received" && e.Text == "Hi! What can I do for you?"));
    }

    [Fact]
    public async Task RestApi_TokenExample_PairsTheSimulatorPhoneAndPrintsAWorkingToken()
    {
        var printed = await DocExample.RunAsync(DocExample.Shell("rest-api.md", index: 1), new Dictionary<string, string> { ["TAPBACK"] = Tapback });

        var token = Assert.Single(printed.Split('\n', StringSplitOptions.RemoveEmptyEntries)).Replace("TOKEN=", string.Empty, StringComparison.Ordinal);
        Assert.StartsWith("tbk_", token, StringComparison.Ordinal);
        using var client = RestFixture.ClientFor(_host, token);
        using var conversations = await client.GetAsync("/v2/conversations");
        Assert.Equal(HttpStatusCode.OK, conversations.StatusCode);
    }

    [Fact]
    public async Task Webhooks_FirstExample_CreatesTheWebhookAndPrintsItsSecret()
    {
        var token = await GatewayScript.PairAsync(_host, "+15550100124");

        var printed = JsonNode.Parse(await DocExample.RunAsync(
            DocExample.Shell("webhooks.md"),
            new Dictionary<string, string> { ["TAPBACK"] = Tapback, ["TOKEN"] = token, ["BOT_URL"] = "http://127.0.0.1:9/tapback" }))!;

        Assert.StartsWith("wh_", (string?)printed["id"], StringComparison.Ordinal);
        Assert.StartsWith("whsec_", (string?)printed["secret"], StringComparison.Ordinal);
        Assert.Equal("http://127.0.0.1:9/tapback", (string?)printed["url"]);
    }

    [Fact]
    public async Task Protocol_FirstExample_ExchangesTheCodeAndPrintsTheToken()
    {
        var script = DocExample.Shell("protocol.md");
        var phone = DocExample.Variable(script, "PHONE");
        var code = await GatewayScript.RequestCodeAsync(_host, phone);

        var printed = JsonNode.Parse(await DocExample.RunAsync(script, new Dictionary<string, string> { ["TAPBACK"] = Tapback, ["CODE"] = code }))!;

        Assert.StartsWith("tbk_", (string?)printed["token"], StringComparison.Ordinal);
        Assert.Equal(phone, (string?)printed["phone"]);
    }
}
