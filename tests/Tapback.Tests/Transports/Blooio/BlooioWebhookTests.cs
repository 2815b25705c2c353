using System.Net;
using static Tapback.Tests.Transports.Blooio.BlooioTestKit;
using static Tapback.Tests.Transports.Hosted.HostedStore;

namespace Tapback.Tests.Transports.Blooio;

/// <summary>Blooio's webhooks at /webhooks/blooio: signatures, bad input, and what gets stored.</summary>
public sealed class BlooioWebhookTests
{
    [Fact]
    public async Task Webhook_DocumentedFixture_IsStoredOnce()
    {
        await using var blooio = new FakeBlooioServer();
        await blooio.StartAsync();
        await using var host = await StartAsync(blooio);

        using var first = await PostAsync(host, Fixture("v2-message-received.json"));
        using var replay = await PostAsync(host, Fixture("v2-message-received.json"));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal(1, await CountAsync(host, "SELECT count(*) FROM messages WHERE direction = 'in' AND body = 'Hello, I need help with my order' AND sender = '+15551234567'"));
    }

    [Fact]
    public async Task Webhook_WrongSecret_IsUnauthorizedAndStoresNothing()
    {
        await using var blooio = new FakeBlooioServer();
        await blooio.StartAsync();
        await using var host = await StartAsync(blooio);

        using var response = await PostAsync(host, Received(host, "RX1", "hi"), secret: "whsec_someone_else");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, await CountAsync(host, "SELECT count(*) FROM messages"));
    }

    [Fact]
    public async Task Webhook_SignedMoreThanFiveMinutesAgo_IsUnauthorized()
    {
        await using var blooio = new FakeBlooioServer();
        await blooio.StartAsync();
        await using var host = await StartAsync(blooio);

        using var response = await PostAsync(host, Received(host, "RX1", "hi"), signedAt: host.Time.GetUtcNow().AddSeconds(-301));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("300 seconds", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Webhook_SignedFourMinutesAgo_IsAccepted()
    {
        await using var blooio = new FakeBlooioServer();
        await blooio.StartAsync();
        await using var host = await StartAsync(blooio);

        using var response = await PostAsync(host, Received(host, "RX1", "hi"), signedAt: host.Time.GetUtcNow().AddMinutes(-4));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Webhook_NoSignatureHeader_IsUnauthorized()
    {
        await using var blooio = new FakeBlooioServer();
        await blooio.StartAsync();
        await using var host = await StartAsync(blooio);

        using var response = await host.Client.PostAsync($"/webhooks/{Instance}", new StringContent(Received(host, "RX1", "hi")));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("X-Blooio-Signature", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json", "not a Blooio event")]
    [InlineData("{\"event\":\"message.received\",\"text\":\"no id\"}", "message_id")]
    [InlineData("{\"event\":\"message.received\",\"message_id\":\"RX9\",\"external_id\":\"nobody\"}", "phone number or email")]
    public async Task Webhook_SignedButMalformed_IsBadRequestNamingTheProblem(string body, string named)
    {
        await using var blooio = new FakeBlooioServer();
        await blooio.StartAsync();
        await using var host = await StartAsync(blooio);

        using var response = await PostAsync(host, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(named, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Webhook_FromOurOwnNumber_IsDroppedAsAnEcho()
    {
        await using var blooio = new FakeBlooioServer();
        await blooio.StartAsync();
        await using var host = await StartAsync(blooio);

        using var echo = await PostAsync(host, Received(host, "RX1", "our own words", from: OurNumber));
        using var sent = await PostAsync(host, Fixture("v2-message-sent.json"));

        Assert.Equal(HttpStatusCode.OK, echo.StatusCode);
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.Equal(0, await CountAsync(host, "SELECT count(*) FROM messages"));
    }

    [Fact]
    public async Task Webhook_AttachmentsAsUrlAndAsObject_AreDownloadedIntoTheStore()
    {
        await using var blooio = new FakeBlooioServer();
        await blooio.StartAsync();
        blooio.Files["IMG_0001.jpg"] = [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3];
        blooio.Files["scan.jpg"] = [0xFF, 0xD8, 0xFF, 0xE0, 4, 5, 6];
        await using var host = await StartAsync(blooio);
        object[] attachments = [new Uri(blooio.Address, "files/IMG_0001.jpg").ToString(), new { url = new Uri(blooio.Address, "files/scan.jpg").ToString(), name = "contract-scan.jpg" }];

        using var response = await PostAsync(host, Received(host, "RX1", "two files", attachments: attachments));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, await CountAsync(host, "SELECT count(*) FROM attachments WHERE file_name = 'IMG_0001.jpg' AND size_bytes = 7"));
        Assert.Equal(1, await CountAsync(host, "SELECT count(*) FROM attachments WHERE file_name = 'contract-scan.jpg'"));
    }

    [Fact]
    public async Task Webhook_Tapback_IsStoredOnTheMessageItNames()
    {
        await using var blooio = new FakeBlooioServer();
        await blooio.StartAsync();
        await using var host = await StartAsync(blooio);
        using (await PostAsync(host, Received(host, "RX1", "nice")))
        {
        }

        var messageId = await MessageIdOfEventAsync(host, "RX1");
        var reaction = $$"""{"event":"message.reaction","message_id":"RX1","external_id":"{{Alice}}","sender":"{{Alice}}","reaction":"+laugh","action":"add","timestamp":{{host.Time.GetUtcNow().ToUnixTimeMilliseconds()}}}""";
        using var first = await PostAsync(host, reaction);
        using var replay = await PostAsync(host, reaction);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(1, await CountAsync(host, "SELECT count(*) FROM reactions WHERE message_id = @messageId AND reaction = 'laugh' AND removed = FALSE", new { messageId }));
    }
}
