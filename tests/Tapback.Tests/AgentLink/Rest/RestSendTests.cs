using System.Net;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.AgentLink.Rest;

/// <summary><c>POST /v2/messages</c> over real HTTP: auth, ownership, idempotency, pacing and limits.</summary>
public sealed class RestSendTests : IAsyncLifetime
{
    private const string Phone = "+15551240001";
    private const string OtherPhone = "+15551240002";
    private TapbackTestHost _host = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        // The limit's former key, still read while Tapback:Actions:MaxBodyLength is not set.
        _host = await TapbackTestHost.StartAsync(new Dictionary<string, string?> { ["Tapback:Rest:MaxBodyLength"] = "500" });
        _client = RestFixture.ClientFor(_host, await GatewayScript.PairAsync(_host, Phone));
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task Send_ToThePairedPhone_Is202QueuedAndReachesThePhone()
    {
        var (response, body) = await RestFixture.PostAsync(_client, "/v2/messages", new { to = Phone, body = "Hello from REST" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("queued", (string?)body!["status"]);
        var messageId = (string)body["message_id"]!;
        var events = await RestFixture.WaitForPhoneAsync(_host, Phone, e => e.Any(x => x.Type == "message.received" && x.Text == "Hello from REST"));
        Assert.Equal(messageId, events.Single(e => e.Text == "Hello from REST").MessageId);
        await _host.AdvanceUntilAsync(async () => (string?)(await RestFixture.GetAsync(_client, $"/v2/messages/{messageId}")).Body!["status"] == "sent");
    }

    [Fact]
    public async Task Send_WithoutToken_Is401Problem()
    {
        using var anonymous = new HttpClient { BaseAddress = _host.BaseAddress };
        var (response, body) = await RestFixture.PostAsync(anonymous, "/v2/messages", new { to = Phone, body = "hi" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Bearer", (string?)body!["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_WithWrongToken_Is401()
    {
        using var wrong = RestFixture.ClientFor(_host, "tbk_not-a-token");
        var (response, _) = await RestFixture.PostAsync(wrong, "/v2/messages", new { to = Phone, body = "hi" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Send_ToAnotherPhone_Is403()
    {
        var (response, body) = await RestFixture.PostAsync(_client, "/v2/messages", new { to = OtherPhone, body = "hi" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("paired phone", (string?)body!["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_IntoAnotherIntegrationsConversation_Is404AsIfItDidNotExist()
    {
        using var other = RestFixture.ClientFor(_host, await GatewayScript.PairAsync(_host, OtherPhone));
        var (_, sent) = await RestFixture.PostAsync(other, "/v2/messages", new { to = OtherPhone, body = "mine" });
        var theirs = (string)sent!["conversation_id"]!;

        var (response, body) = await RestFixture.PostAsync(_client, "/v2/messages", new { conversation_id = theirs, body = "not yours" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.StartsWith($"No chat '{theirs}' belongs to this integration", (string?)body!["detail"], StringComparison.Ordinal);
        await _host.AdvanceUntilAsync(_host.IsIdleAsync);
        Assert.DoesNotContain(await _host.EventsAsync(OtherPhone), e => e.Text == "not yours");
    }

    [Fact]
    public async Task Send_UnknownConversation_Is404()
    {
        var (response, _) = await RestFixture.PostAsync(_client, "/v2/messages", new { conversation_id = "conv_nope", body = "hi" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Send_SameIdempotencyKeyAndBody_ReturnsTheOriginalAndSendsOnce()
    {
        var (first, firstBody) = await RestFixture.PostAsync(_client, "/v2/messages", new { to = Phone, body = "Only once" }, "key-1");
        var (second, secondBody) = await RestFixture.PostAsync(_client, "/v2/messages", new { to = Phone, body = "Only once" }, "key-1");

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.Equal((string?)firstBody!["message_id"], (string?)secondBody!["message_id"]);
        await RestFixture.WaitForPhoneAsync(_host, Phone, e => e.Any(x => x.Text == "Only once"));
        await _host.AdvanceUntilAsync(_host.IsIdleAsync);
        Assert.Single(await _host.EventsAsync(Phone), e => e.Text == "Only once");
    }

    [Fact]
    public async Task Send_SameIdempotencyKeyOtherBody_Is409()
    {
        await RestFixture.PostAsync(_client, "/v2/messages", new { to = Phone, body = "First body" }, "key-2");
        var (response, body) = await RestFixture.PostAsync(_client, "/v2/messages", new { to = Phone, body = "Second body" }, "key-2");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("Idempotency-Key", (string?)body!["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_Split_SendsPlainTextBubblesWithTypingBetween()
    {
        var markdown = "**First** thought, and it is a whole sentence on its own.\n\nSecond paragraph comes after a beat.";
        var (response, body) = await RestFixture.PostAsync(_client, "/v2/messages", new { to = Phone, body = markdown, split = true });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(2, body!["message_ids"]!.AsArray().Count);
        var last = (string?)body["message_ids"]![1];
        // The phone shows no typing.stopped after the last bubble: a delivered bubble already hid the indicator.
        var events = await RestFixture.WaitForPhoneAsync(_host, Phone, e => e.Any(x => x.MessageId == last));
        var ours = events.SkipWhile(e => e.MessageId != (string?)body["message_id"]).Select(e => e.Type).ToList();
        Assert.Equal(["message.received", "typing.started", "message.received"], ours);
        Assert.DoesNotContain(events, e => e.Text?.Contains("**", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Send_BodyOverTheLimit_Is413()
    {
        var (response, _) = await RestFixture.PostAsync(_client, "/v2/messages", new { to = Phone, body = new string('a', 501) });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Send_NoBody_Is400NamingTheField()
    {
        var (response, body) = await RestFixture.PostAsync(_client, "/v2/messages", new { to = Phone });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'body'", (string?)body!["detail"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_MalformedJson_Is400()
    {
        using var content = new StringContent("{\"to\": ", System.Text.Encoding.UTF8, "application/json");
        using var response = await _client.PostAsync("/v2/messages", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
