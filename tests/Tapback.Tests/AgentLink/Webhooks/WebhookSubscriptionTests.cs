using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.AgentLink.Webhooks;

public sealed class WebhookSubscriptionTests
{
    private static readonly string[] MessageReceived = ["message.received"];

    [Fact]
    public async Task Create_ValidRequest_Returns201WithSecretShownOnlyThere()
    {
        await using var kit = await WebhookTestKit.StartAsync(subscribe: false);

        var created = await kit.SubscribeAsync("message.received", "message.sent");

        Assert.StartsWith("wh_", (string?)created["id"]);
        Assert.StartsWith("whsec_", (string?)created["secret"]);
        Assert.Equal(["message.received", "message.sent"], created["events"]!.AsArray().Select(e => (string?)e));
        var list = JsonNode.Parse(await kit.Api.GetStringAsync("/v2/webhooks"))!["data"]!.AsArray();
        var listed = Assert.Single(list)!;
        Assert.Equal((string?)created["id"], (string?)listed["id"]);
        Assert.Null(listed["secret"]);
    }

    [Fact]
    public async Task Create_NoToken_Returns401Problem()
    {
        await using var kit = await WebhookTestKit.StartAsync(subscribe: false);

        using var response = await kit.Host.Client.PostAsJsonAsync("/v2/webhooks", new { url = kit.Receiver.Url, events = MessageReceived });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("ftp://example.com/hook", "message.received", "url")]
    [InlineData("not a url", "message.received", "url")]
    [InlineData("https://example.com/hook", "message.exploded", "message.exploded")]
    public async Task Create_BadRequest_Returns400NamingWhatIsWrong(string url, string type, string named)
    {
        await using var kit = await WebhookTestKit.StartAsync(subscribe: false);

        using var response = await kit.Api.PostAsJsonAsync("/v2/webhooks", new { url, events = new[] { type } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(named, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Create_NotJson_Returns400()
    {
        await using var kit = await WebhookTestKit.StartAsync(subscribe: false);

        using var response = await kit.Api.PostAsync("/v2/webhooks", new StringContent("{\"url\": 5", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("http://127.0.0.1:9/hook")]
    [InlineData("http://10.1.2.3/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("http://[::1]/hook")]
    public async Task Create_PrivateAddressWithoutOperatorSetting_Returns400(string url)
    {
        await using var host = await TapbackTestHost.StartAsync();
        var token = await GatewayScript.PairAsync(host, WebhookTestKit.Phone);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v2/webhooks") { Content = JsonContent.Create(new { url, events = MessageReceived }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("AllowPrivateUrls", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Delete_ExistingWebhook_Returns204AndStopsDeliveries()
    {
        await using var kit = await WebhookTestKit.StartAsync();

        using var deleted = await kit.Api.DeleteAsync($"/v2/webhooks/{kit.WebhookId}");
        using var again = await kit.Api.DeleteAsync($"/v2/webhooks/{kit.WebhookId}");
        await kit.Host.SendAsync(WebhookTestKit.Phone, "anyone?");
        kit.Host.Time.Advance(TimeSpan.FromSeconds(5));
        await kit.AdvanceUntilIdleAsync();

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Empty(kit.Receiver.Received);
    }

    [Fact]
    public async Task Deliveries_AnotherIntegrationsWebhook_Returns404()
    {
        await using var kit = await WebhookTestKit.StartAsync();
        var otherToken = await GatewayScript.PairAsync(kit.Host, "+15551230077");
        using var other = new HttpClient { BaseAddress = kit.Host.BaseAddress };
        other.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", otherToken);

        using var log = await other.GetAsync($"/v2/webhooks/{kit.WebhookId}/deliveries");
        using var delete = await other.DeleteAsync($"/v2/webhooks/{kit.WebhookId}");
        using var rotate = await other.PostAsync($"/v2/webhooks/{kit.WebhookId}/secret/rotate", null);

        Assert.Equal(HttpStatusCode.NotFound, log.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, rotate.StatusCode);
        Assert.Empty(JsonNode.Parse(await other.GetStringAsync("/v2/webhooks"))!["data"]!.AsArray());
    }

    [Fact]
    public async Task DeleteAndReplay_AnotherIntegrationsWebhook_Are404AndLeaveItsPendingDeliveries()
    {
        await using var kit = await WebhookTestKit.StartAsync();
        kit.Receiver.Otherwise = ReceiverAnswer.ServerError;
        await kit.Host.SendAsync(WebhookTestKit.Phone, "keep me");
        JsonNode? pending = null;
        // The first attempt fails and the next waits on the fake clock, which this test never moves.
        await GatewayScript.EventuallyAsync(() => Task.FromResult(kit.Receiver.Received.Count == 1));
        await GatewayScript.EventuallyAsync(async () => (pending = (await kit.DeliveriesAsync("pending")).SingleOrDefault()) is { } found && (int)found["attempts"]! == 1);
        var deliveryId = (string)pending!["id"]!;
        var otherToken = await GatewayScript.PairAsync(kit.Host, "+15551230079");
        using var other = new HttpClient { BaseAddress = kit.Host.BaseAddress };
        other.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", otherToken);

        using var delete = await other.DeleteAsync($"/v2/webhooks/{kit.WebhookId}");
        using var replay = await other.PostAsync($"/v2/webhooks/{kit.WebhookId}/deliveries/{deliveryId}/replay", null);
        using var replayDead = await other.PostAsync($"/v2/webhooks/{kit.WebhookId}/deliveries/replay", null);

        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, replay.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, replayDead.StatusCode);
        var after = Assert.Single(await kit.DeliveriesAsync())!;
        Assert.Equal("pending", (string?)after["status"]);
        Assert.Equal(1, (int)after["attempts"]!);
        Assert.Single(JsonNode.Parse(await kit.Api.GetStringAsync("/v2/webhooks"))!["data"]!.AsArray());
    }

    [Fact]
    public async Task Replay_UnknownDelivery_Returns404()
    {
        await using var kit = await WebhookTestKit.StartAsync();

        using var response = await kit.Api.PostAsync($"/v2/webhooks/{kit.WebhookId}/deliveries/whd_nope/replay", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
