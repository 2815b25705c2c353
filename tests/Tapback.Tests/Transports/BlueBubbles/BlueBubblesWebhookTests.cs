using System.Net;
using System.Text.Json.Nodes;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Transports.BlueBubbles;

public sealed class BlueBubblesWebhookTests
{
    private const string Phone = "+15551234567";
    private const string OneToOne = "iMessage;-;+15551234567";

    [Fact]
    public async Task ReceiveAsync_InboundText_AgentAnswersInTheSameChat()
    {
        await using var fake = new FakeBlueBubblesServer();
        await fake.StartAsync();
        await using var host = await BlueBubblesHost.StartAsync(fake);

        using var response = await host.PostMessageAsync(BlueBubblesPayloads.Message("IN-1", "(555) 123-4567", "hello there", host.Now(), OneToOne));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await host.WaitForSendsAsync(fake);
        var sends = fake.RequestsTo("POST", "/api/v1/message/text");
        Assert.All(sends, bubble => Assert.Equal(OneToOne, bubble.Body!["chatGuid"]!.GetValue<string>()));
        Assert.Equal(sends.Count, sends.Select(bubble => bubble.Body!["tempGuid"]!.GetValue<string>()).Distinct().Count());
        var send = sends[0];
        Assert.Equal(fake.Password, send.Password);
        Assert.Equal(OneToOne, send.Body!["chatGuid"]!.GetValue<string>());
        Assert.Equal("private-api", send.Body["method"]!.GetValue<string>());
        Assert.StartsWith("tapback_", send.Body["tempGuid"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotEmpty(fake.RequestsTo("POST", "/api/v1/chat/iMessage;-;+15551234567/read"));
        Assert.NotEmpty(fake.RequestsTo("POST", "/api/v1/chat/iMessage;-;+15551234567/typing"));
        Assert.Equal(1, await host.CountAsync("SELECT count(*) FROM messages WHERE direction = 'in' AND sender = @Phone", new { Phone }));
    }

    [Theory]
    [InlineData("[{\"string\":\"\",\"runs\":[]},{\"string\":\"hello from runs\",\"runs\":[{\"range\":[0,15]}]}]")]
    [InlineData("{\"string\":\"hello from runs\",\"runs\":[{\"range\":[0,15]}]}")]
    public async Task ReceiveAsync_TextOnlyInAttributedBodyRuns_TheFirstNonEmptyStringIsTheText(string attributedBody)
    {
        // The server's AttributedBodyUtils.extractText: one object or a list, the first non-empty string.
        await using var fake = new FakeBlueBubblesServer();
        await fake.StartAsync();
        await using var host = await BlueBubblesHost.StartAsync(fake, new Dictionary<string, string?> { ["Tapback:Agent:Enabled"] = "false" });
        var data = BlueBubblesPayloads.Message("IN-RUNS", Phone, "", host.Now(), OneToOne);
        data["text"] = null;
        data["attributedBody"] = JsonNode.Parse(attributedBody);

        using var response = await host.PostMessageAsync(data);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, await host.CountAsync("SELECT count(*) FROM messages WHERE direction = 'in' AND body = 'hello from runs'"));
    }

    [Fact]
    public async Task ReceiveAsync_TypingOff_NeverSendsDelete()
    {
        await using var fake = new FakeBlueBubblesServer();
        await fake.StartAsync();
        await using var host = await BlueBubblesHost.StartAsync(fake);

        await host.PostMessageAsync(BlueBubblesPayloads.Message("IN-1", Phone, "hello", host.Now(), OneToOne));
        await host.WaitForSendsAsync(fake);

        // Released servers start typing on DELETE too; the bubble itself ends the indicator.
        Assert.Empty(fake.RequestsTo("DELETE", "/api/v1/chat/"));
    }

    [Fact]
    public async Task ReceiveAsync_SameGuidTwice_StoredAndAnsweredOnce()
    {
        await using var fake = new FakeBlueBubblesServer();
        await fake.StartAsync();
        await using var host = await BlueBubblesHost.StartAsync(fake);
        var data = BlueBubblesPayloads.Message("IN-1", Phone, "hello", host.Now(), OneToOne);

        using var first = await host.PostMessageAsync(data);
        using var replay = await host.PostMessageAsync(data);
        await host.WaitForSendsAsync(fake);
        var sends = fake.Sent.Count;
        using var late = await host.PostMessageAsync(data);
        await host.AdvanceUntilAsync(host.IsIdleAsync);

        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.Equal(1, await host.CountAsync("SELECT count(*) FROM messages WHERE direction = 'in'"));
        Assert.Equal(1, await host.CountAsync("SELECT count(*) FROM agent_queue"));
        Assert.Equal(sends, fake.Sent.Count);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("webhook-secret-0123456788")]
    public async Task ReceiveAsync_MissingOrWrongSecret_401AndNothingStored(string? secret)
    {
        await using var fake = new FakeBlueBubblesServer();
        await fake.StartAsync();
        await using var host = await BlueBubblesHost.StartAsync(fake);

        using var response = await host.PostWebhookAsync(BlueBubblesPayloads.Event("new-message", BlueBubblesPayloads.Message("IN-1", Phone, "hi", host.Now())), secret);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("WebhookSecret", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await host.CountAsync("SELECT count(*) FROM messages"));
    }

    [Fact]
    public async Task ReceiveAsync_NotJson_400ProblemAndNothingStored()
    {
        await using var fake = new FakeBlueBubblesServer();
        await fake.StartAsync();
        await using var host = await BlueBubblesHost.StartAsync(fake);

        using var content = new StringContent("{not json", System.Text.Encoding.UTF8, "application/json");
        using var response = await host.Client.PostAsync($"/webhooks/bb?secret={BlueBubblesHost.Secret}", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("handle", "data.handle.address")]
    [InlineData("chats", "data.chats")]
    [InlineData("guid", "data.guid")]
    public async Task ReceiveAsync_MissingField_400NamingIt(string field, string named)
    {
        await using var fake = new FakeBlueBubblesServer();
        await fake.StartAsync();
        await using var host = await BlueBubblesHost.StartAsync(fake);
        var data = BlueBubblesPayloads.Message("IN-1", Phone, "hi", host.Now());
        data.Remove(field);

        using var response = await host.PostMessageAsync(data);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(named, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await host.CountAsync("SELECT count(*) FROM messages"));
    }

    [Fact]
    public async Task ReceiveAsync_GroupMessage_StoredAsTheGroupAndAnsweredThere()
    {
        const string group = "iMessage;+;chat1234567890";
        await using var fake = new FakeBlueBubblesServer();
        await fake.StartAsync();
        await using var host = await BlueBubblesHost.StartAsync(fake, new Dictionary<string, string?> { ["Tapback:Agent:GroupReplies"] = "all" });

        await host.PostMessageAsync(BlueBubblesPayloads.Message("IN-G1", "aaaaaaaaa@gmail.com", "what time is it?", host.Now(), group, "BlueBubbles Stuff"));
        await host.WaitForSendsAsync(fake);

        Assert.Equal(1, await host.CountAsync(
            "SELECT count(*) FROM conversations WHERE chat_id = @group AND is_group = TRUE AND display_name = 'BlueBubbles Stuff'", new { group }));
        Assert.All(fake.RequestsTo("POST", "/api/v1/message/text"), send => Assert.Equal(group, send.Body!["chatGuid"]!.GetValue<string>()));
    }

    [Fact]
    public async Task ReceiveAsync_EchoOfOurOwnSend_NotTakenAsInbound()
    {
        await using var fake = new FakeBlueBubblesServer();
        await fake.StartAsync();
        await using var host = await BlueBubblesHost.StartAsync(fake);
        await host.PostMessageAsync(BlueBubblesPayloads.Message("IN-1", Phone, "hello", host.Now(), OneToOne));
        await host.WaitForSendsAsync(fake);
        var sends = fake.Sent.Count;
        var ours = fake.RequestsTo("POST", "/api/v1/message/text")[0];

        // The server posts our own send back twice: once with our tempGuid, once without.
        var echo = (JsonObject)fake.Sent[0].DeepClone();
        echo["tempGuid"] = ours.Body!["tempGuid"]!.DeepClone();
        using var first = await host.PostMessageAsync(echo);
        using var second = await host.PostMessageAsync((JsonObject)fake.Sent[0].DeepClone());
        await host.AdvanceUntilAsync(host.IsIdleAsync);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(1, await host.CountAsync("SELECT count(*) FROM messages WHERE direction = 'in'"));
        Assert.Equal(sends, fake.Sent.Count);
    }

    [Fact]
    public async Task ReceiveAsync_TapbackByNumberAndByName_StoredOnOurMessage()
    {
        await using var fake = new FakeBlueBubblesServer();
        await fake.StartAsync();
        await using var host = await BlueBubblesHost.StartAsync(fake);
        await host.PostMessageAsync(BlueBubblesPayloads.Message("IN-1", Phone, "hello", host.Now(), OneToOne));
        await host.WaitForSendsAsync(fake);
        var answer = fake.Sent[0]["guid"]!.GetValue<string>();

        using var love = await host.PostMessageAsync(BlueBubblesPayloads.Tapback("TB-1", Phone, answer, 2000, host.Now(), OneToOne));
        using var unlove = await host.PostMessageAsync(BlueBubblesPayloads.Tapback("TB-2", Phone, answer, "-love", host.Now(), OneToOne));
        using var replay = await host.PostMessageAsync(BlueBubblesPayloads.Tapback("TB-2", Phone, answer, "-love", host.Now(), OneToOne));

        Assert.Equal(HttpStatusCode.OK, love.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        var ourMessage = "SELECT m.id FROM messages m WHERE m.direction = 'out' AND m.provider_id = @answer";
        Assert.Equal(1, await host.CountAsync($"SELECT count(*) FROM reactions WHERE reaction = 'love' AND removed = FALSE AND message_id = ({ourMessage})", new { answer }));
        Assert.Equal(1, await host.CountAsync($"SELECT count(*) FROM reactions WHERE reaction = 'love' AND removed = TRUE AND message_id = ({ourMessage})", new { answer }));
    }

    [Fact]
    public async Task ReceiveAsync_GroupTapbackFromFixture_StoredAsLaugh()
    {
        await using var fake = new FakeBlueBubblesServer();
        await fake.StartAsync();
        await using var host = await BlueBubblesHost.StartAsync(fake);
        var data = BlueBubblesPayloads.Fixture("get-chat-messages-group-tapback.json")["data"]![0]!.AsObject();

        using var response = await host.PostMessageAsync((JsonObject)data.DeepClone());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, await host.CountAsync(
            "SELECT count(*) FROM reactions WHERE reaction = 'laugh' AND removed = FALSE AND sender = 'xxxxxxx@icloud.com' AND message_id = 'AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEE'"));
    }

    [Fact]
    public async Task ReceiveAsync_Attachment_FetchedWithThePasswordAndStored()
    {
        await using var fake = new FakeBlueBubblesServer();
        await fake.StartAsync();
        await using var host = await BlueBubblesHost.StartAsync(fake);
        var bytes = "not really a jpeg"u8.ToArray();
        fake.AddFile("at_0_5C1F0E2A", bytes, "image/jpeg");
        var data = BlueBubblesPayloads.Message("IN-1", Phone, "\uFFFC", host.Now(), OneToOne);
        data["attachments"] = new JsonArray(BlueBubblesPayloads.Attachment("at_0_5C1F0E2A", "IMG_0001.jpeg", "image/jpeg", bytes.Length));

        using var response = await host.PostMessageAsync(data);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var download = Assert.Single(fake.RequestsTo("GET", "/api/v1/attachment/at_0_5C1F0E2A/download"));
        Assert.Equal(fake.Password, download.Password);
        Assert.Equal(1, await host.CountAsync(
            "SELECT count(*) FROM attachments WHERE file_name = 'IMG_0001.jpeg' AND content_type = 'image/jpeg' AND size_bytes = @Length", new { bytes.Length }));
        Assert.Equal(1, await host.CountAsync("SELECT count(*) FROM messages WHERE direction = 'in' AND body = ''"));
    }

    [Fact]
    public async Task ReceiveAsync_HeicTheServerConvertedToJpeg_StoredAsJpeg()
    {
        // The server converts HEIC to JPEG for clients but the attachment keeps its mimeType image/heic.
        await using var fake = new FakeBlueBubblesServer();
        await fake.StartAsync();
        await using var host = await BlueBubblesHost.StartAsync(fake);
        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, .."JFIF"u8, 0x00];
        fake.AddFile("at_heic", jpeg, "image/jpeg");
        var data = BlueBubblesPayloads.Message("IN-1", Phone, "\uFFFC", host.Now(), OneToOne);
        data["attachments"] = new JsonArray(BlueBubblesPayloads.Attachment("at_heic", "IMG_0003.HEIC", "image/heic", jpeg.Length));

        using var response = await host.PostMessageAsync(data);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, await host.CountAsync("SELECT count(*) FROM attachments WHERE file_name = 'IMG_0003.HEIC' AND content_type = 'image/jpeg'"));
    }

    [Fact]
    public async Task ReceiveAsync_VoiceMemoNotOnTheMacYet_StoredAnsweredAndTheFileFetchedLater()
    {
        await using var fake = new FakeBlueBubblesServer();
        await fake.StartAsync();
        await using var host = await BlueBubblesHost.StartAsync(fake);
        await host.AdvanceUntilAsync(async () => await host.CountAsync("SELECT count(*) FROM bluebubbles_cursors") == 1);
        fake.AddFileNotOnDisk("at_voice");
        var data = BlueBubblesPayloads.Message("IN-1", Phone, "\uFFFC", host.Now(), OneToOne);
        data["attachments"] = new JsonArray(BlueBubblesPayloads.Attachment("at_voice", "Audio Message.caf", "audio/x-caf", 10));

        using var response = await host.PostMessageAsync(data);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await host.WaitForSendsAsync(fake);
        Assert.Equal(1, await host.CountAsync("SELECT count(*) FROM messages WHERE direction = 'in'"));
        Assert.Equal(0, await host.CountAsync("SELECT count(*) FROM attachments"));

        byte[] caf = [.. "caff"u8, 0, 1, 0, 0, 1, 2];
        fake.AddFile("at_voice", caf, "audio/x-caf");
        using var hello = await host.PostWebhookAsync(BlueBubblesPayloads.Event("hello-world", null));
        await host.AdvanceUntilAsync(async () => await host.CountAsync("SELECT count(*) FROM attachments") == 1);

        Assert.Equal(1, await host.CountAsync(
            "SELECT count(*) FROM attachments a JOIN messages m ON m.id = a.message_id WHERE m.direction = 'in' AND a.file_name = 'Audio Message.caf' AND a.content_type = 'audio/x-caf'"));
        Assert.Equal(0, await host.CountAsync("SELECT count(*) FROM pending_attachments"));
    }

    [Fact]
    public async Task ReceiveAsync_UpdatedMessageWithoutChats_Accepted()
    {
        await using var fake = new FakeBlueBubblesServer();
        await fake.StartAsync();
        await using var host = await BlueBubblesHost.StartAsync(fake);
        var data = BlueBubblesPayloads.Message("OUT-1", "me@icloud.com", "hi", host.Now(), isFromMe: true);
        data.Remove("chats");
        data["dateDelivered"] = host.Now();

        using var response = await host.PostWebhookAsync(BlueBubblesPayloads.Event("updated-message", data));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, await host.CountAsync("SELECT count(*) FROM messages"));
    }

    [Fact]
    public async Task ReceiveAsync_UnknownEventType_AcceptedAndIgnored()
    {
        await using var fake = new FakeBlueBubblesServer();
        await fake.StartAsync();
        await using var host = await BlueBubblesHost.StartAsync(fake);

        // A type the server sends that Tapback does not act on (typing-indicator is read since issue 13).
        using var response = await host.PostWebhookAsync(BlueBubblesPayloads.Event("chat-read-status-changed", new JsonObject { ["read"] = true, ["chatGuid"] = OneToOne }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
