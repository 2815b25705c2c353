using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Tapback.Messaging;
using Tapback.Storage;
using Tapback.Tests.Infrastructure;
using Tapback.Transports.Simulator;

namespace Tapback.Tests.Transports.Simulator;

/// <summary>
/// The simulated phone's iMessage features through its JSON contract (docs/simulator.md): inline
/// replies, effects, edits and unsends of its own messages within Apple's windows, typing, SMS-only
/// phones; and the simulator transport carrying the agent's replies, effects, edits and unsends.
/// </summary>
public sealed class SimulatorFeaturesTests : IAsyncLifetime
{
    private const string Phone = "+15551234567";
    private const string OtherPhone = "+15557654321";

    private TapbackTestHost _host = null!;

    // No agent, so the only events are the phone's own and the ones a test carries out.
    public async Task InitializeAsync() => _host = await TapbackTestHost.StartAsync(new Dictionary<string, string?> { ["Tapback:Agent:Enabled"] = "false" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private SimulatorTransport Transport => _host.Services.GetRequiredService<SimulatorRegistry>().Default.Transport;

    [Fact]
    public async Task PostMessage_ReplyToAndEffect_ShownOnThePhoneAndStored()
    {
        var original = await _host.SendAsync(Phone, "dinner at 7?");

        using var response = await _host.Client.PostAsJsonAsync("/api/simulator/messages", new { from = Phone, text = "make it 8", replyTo = original, effect = "slam" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var messageId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("messageId").GetString();
        var sent = (await EventsAsync(Phone)).Single(e => e.GetProperty("messageId").GetString() == messageId);
        Assert.Equal(original, sent.GetProperty("replyTo").GetString());
        Assert.Equal("slam", sent.GetProperty("effect").GetString());
        Assert.False(sent.TryGetProperty("service", out _));
        var row = await MessageRowAsync(messageId!);
        Assert.Equal((original, "slam", MessageServices.IMessage), (row.ReplyTo, row.Effect, row.Service));
    }

    [Fact]
    public async Task PostMessage_ReplyToAMessageOfAnotherChat_Returns400NamingReplyTo()
    {
        var elsewhere = await _host.SendAsync(OtherPhone, "not yours");
        await _host.SendAsync(Phone, "hi");

        foreach (var replyTo in new[] { elsewhere, "msg_unknown" })
        {
            using var response = await _host.Client.PostAsJsonAsync("/api/simulator/messages", new { from = Phone, text = "re", replyTo });

            await AssertNamesFieldAsync(response, "replyTo");
        }

        Assert.Single(await EventsAsync(Phone));
    }

    [Fact]
    public async Task PostMessage_UnknownEffect_Returns400NamingEffectAndTheAllowedOnes()
    {
        using var response = await _host.Client.PostAsJsonAsync("/api/simulator/messages", new { from = Phone, text = "boom", effect = "earthquake" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("invisible_ink", problem.GetProperty("errors").GetProperty("effect")[0].GetString(), StringComparison.Ordinal);
        Assert.Empty(await EventsAsync(Phone));
    }

    [Fact]
    public async Task Edit_OwnMessageWithinTheWindow_ShowsTheEditAndKeepsTheHistory()
    {
        var messageId = await _host.SendAsync(Phone, "see you at 7");
        _host.Time.Advance(TimeSpan.FromMinutes(10));

        using var response = await PostJsonAsync($"/api/simulator/messages/{messageId}/edit", """{"text": "see you at 8"}""");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var edited = Assert.Single(await EventsAsync(Phone), e => e.GetProperty("type").GetString() == "message.edited");
        Assert.Equal((messageId, "see you at 8", true), (edited.GetProperty("messageId").GetString(), edited.GetProperty("text").GetString(), edited.GetProperty("fromMe").GetBoolean()));
        var row = await MessageRowAsync(messageId);
        Assert.Equal("see you at 8", row.Body);
        Assert.NotNull(row.EditedAt);
        await using var connection = await OpenAsync();
        Assert.Equal(["see you at 7"], await connection.QueryAsync<string>("SELECT body FROM message_edits WHERE message_id = @messageId", new { messageId }));
    }

    [Fact]
    public async Task Edit_RetriedAfterThePhoneShowedItButTheAgentDidNotHear_CompletesItOnce()
    {
        var messageId = await _host.SendAsync(Phone, "at 7");
        // As if Tapback stopped between the phone's line and the inbox: the phone shows edit 1, the store does not.
        var phoneLog = _host.Services.GetRequiredService<PhoneLog>();
        await phoneLog.AppendAsync(phoneLog.Line(Phone, PhoneEventTypes.MessageEdited, $"edit:{messageId}:1", fromMe: true, messageId: messageId, text: "at 8"));
        Assert.Equal("at 7", (await MessageRowAsync(messageId)).Body);

        using var retry = await PostJsonAsync($"/api/simulator/messages/{messageId}/edit", """{"text": "at 8"}""");
        using var again = await PostJsonAsync($"/api/simulator/messages/{messageId}/edit", """{"text": "at 8"}""");

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (retry.StatusCode, again.StatusCode));
        Assert.Equal("at 8", (await MessageRowAsync(messageId)).Body);
        Assert.Single(await EventsAsync(Phone), e => e.GetProperty("type").GetString() == "message.edited");
        await using var connection = await OpenAsync();
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM message_edits WHERE message_id = @messageId", new { messageId }));
    }

    [Fact]
    public async Task Edit_SixthEdit_Returns409AndChangesNothing()
    {
        var messageId = await _host.SendAsync(Phone, "v0");
        for (var edit = 1; edit <= Tapback.Messaging.MessageChangeWindows.MaxEdits; edit++)
        {
            using var accepted = await PostJsonAsync($"/api/simulator/messages/{messageId}/edit", $$"""{"text": "v{{edit}}"}""");
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        }

        using var response = await PostJsonAsync($"/api/simulator/messages/{messageId}/edit", """{"text": "v6"}""");

        await AssertConflictAsync(response, "5 times");
        Assert.Equal("v5", (await MessageRowAsync(messageId)).Body);
    }

    [Fact]
    public async Task Edit_After15Minutes_Returns409SayingTheWindow()
    {
        var messageId = await _host.SendAsync(Phone, "typo");
        _host.Time.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));

        using var response = await PostJsonAsync($"/api/simulator/messages/{messageId}/edit", """{"text": "fixed"}""");

        await AssertConflictAsync(response, "15 minutes");
        Assert.DoesNotContain(await EventsAsync(Phone), e => e.GetProperty("type").GetString() == "message.edited");
    }

    [Fact]
    public async Task EditOrUnsend_NotThePhonesOwnMessage_Returns404()
    {
        await _host.SendAsync(Phone, "hi");
        await Transport.ExecuteAsync(new SendMessageAction { IdempotencyKey = "agent-1", ChatId = Phone, MessageId = "msg_agent1", Text = "hello" });

        foreach (var messageId in new[] { "msg_agent1", "msg_unknown" })
        {
            using var edit = await PostJsonAsync($"/api/simulator/messages/{messageId}/edit", """{"text": "mine now"}""");
            using var unsend = await _host.Client.PostAsync($"/api/simulator/messages/{messageId}/unsend", null);

            Assert.Equal(HttpStatusCode.NotFound, edit.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, unsend.StatusCode);
            Assert.Equal("application/problem+json", unsend.Content.Headers.ContentType?.MediaType);
        }
    }

    [Theory]
    [InlineData("""{"text": "  "}""")]
    [InlineData("""{"text": "same"}""")]
    public async Task Edit_EmptyOrUnchangedText_Returns400NamingText(string json)
    {
        var messageId = await _host.SendAsync(Phone, "same");

        using var response = await PostJsonAsync($"/api/simulator/messages/{messageId}/edit", json);

        await AssertNamesFieldAsync(response, "text");
    }

    [Fact]
    public async Task Unsend_WithinTwoMinutes_ShowsItUnsentAndForgetsTheWords()
    {
        var messageId = await _host.SendAsync(Phone, "wrong chat, sorry");
        using (await PostJsonAsync($"/api/simulator/messages/{messageId}/edit", """{"text": "wrong chat!"}"""))
        {
        }

        _host.Time.Advance(TimeSpan.FromMinutes(1));

        using var response = await _host.Client.PostAsync($"/api/simulator/messages/{messageId}/unsend", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var events = await EventsAsync(Phone);
        Assert.Single(events, e => e.GetProperty("type").GetString() == "message.unsent" && e.GetProperty("messageId").GetString() == messageId);
        Assert.All(events, e => Assert.False(e.TryGetProperty("text", out _), $"The phone still shows words of an unsent message: {e}"));
        var row = await MessageRowAsync(messageId);
        Assert.Equal(string.Empty, row.Body);
        Assert.NotNull(row.UnsentAt);
    }

    [Fact]
    public async Task Unsend_AfterTwoMinutesOrTwice_Returns409()
    {
        var late = await _host.SendAsync(Phone, "too late");
        _host.Time.Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(1));
        var twice = await _host.SendAsync(Phone, "gone");
        using (var first = await _host.Client.PostAsync($"/api/simulator/messages/{twice}/unsend", null))
        {
            Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        }

        using var afterWindow = await _host.Client.PostAsync($"/api/simulator/messages/{late}/unsend", null);
        using var again = await _host.Client.PostAsync($"/api/simulator/messages/{twice}/unsend", null);

        await AssertConflictAsync(afterWindow, "2 minutes");
        await AssertConflictAsync(again, "already unsent");
        Assert.Equal("too late", (await MessageRowAsync(late)).Body);
    }

    [Fact]
    public async Task Typing_OnThenOff_SetsAndClearsThePersonsTypingIndicator()
    {
        await _host.SendAsync(Phone, "hi");

        using (var on = await PostJsonAsync("/api/simulator/typing", $$"""{"from": "{{Phone}}", "typing": true}"""))
        {
            Assert.Equal(HttpStatusCode.Accepted, on.StatusCode);
        }

        var typingSince = await PeerTypingSinceAsync();
        using (var off = await PostJsonAsync("/api/simulator/typing", $$"""{"from": "{{Phone}}", "typing": false}"""))
        {
            Assert.Equal(HttpStatusCode.Accepted, off.StatusCode);
        }

        Assert.Equal(_host.Time.GetUtcNow().ToUnixTimeMilliseconds(), typingSince);
        Assert.Null(await PeerTypingSinceAsync());
    }

    [Theory]
    [InlineData("""{"from": "nope", "typing": true}""", "from")]
    [InlineData("""{"from": "+15551234567"}""", "typing")]
    public async Task Typing_BadField_Returns400NamingIt(string json, string field)
    {
        using var response = await PostJsonAsync("/api/simulator/typing", json);

        await AssertNamesFieldAsync(response, field);
    }

    [Fact]
    public async Task PutPhone_SmsOnly_MessagesGoAsPlainSmsAndTheLookupSaysSo()
    {
        var original = await _host.SendAsync(Phone, "on iMessage still");

        using var put = await _host.Client.PutAsJsonAsync("/api/simulator/phones/%2B15551234567", new { imessage = false });

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.False((await put.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("imessage").GetBoolean());
        Assert.False((await _host.Client.GetFromJsonAsync<JsonElement>("/api/simulator/phones/%2B15551234567")).GetProperty("imessage").GetBoolean());
        Assert.True((await _host.Client.GetFromJsonAsync<JsonElement>("/api/simulator/phones/%2B15557654321")).GetProperty("imessage").GetBoolean());
        Assert.False(await Transport.IsOnIMessageAsync(Phone));
        Assert.True(await Transport.IsOnIMessageAsync(OtherPhone));

        // As Messages sends over SMS: the text goes, the thread and the effect do not.
        using var sms = await _host.Client.PostAsJsonAsync("/api/simulator/messages", new { from = Phone, text = "green now", replyTo = original, effect = "confetti" });
        var smsId = (await sms.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("messageId").GetString()!;
        await Transport.ExecuteAsync(new SendMessageAction { IdempotencyKey = "agent-sms", ChatId = Phone, MessageId = "msg_agentsms", Text = "ok", ReplyTo = smsId, Effect = MessageEffect.Love });

        var events = await EventsAsync(Phone);
        foreach (var id in new[] { smsId, "msg_agentsms" })
        {
            var shown = events.Single(e => e.GetProperty("messageId").GetString() == id);
            Assert.Equal("SMS", shown.GetProperty("service").GetString());
            Assert.False(shown.TryGetProperty("effect", out _));
            Assert.False(shown.TryGetProperty("replyTo", out _));
        }

        var row = await MessageRowAsync(smsId);
        Assert.Equal((null, null, MessageServices.Sms), (row.ReplyTo, row.Effect, row.Service));
        using var edit = await PostJsonAsync($"/api/simulator/messages/{smsId}/edit", """{"text": "no"}""");
        await AssertConflictAsync(edit, "SMS");
        var refused = await Assert.ThrowsAsync<TransportException>(() =>
            Transport.ExecuteAsync(new UnsendMessageAction { IdempotencyKey = "agent-unsend", ChatId = Phone, MessageId = "msg_agentsms" }));
        Assert.False(refused.Retryable);
    }

    [Fact]
    public async Task PutPhone_BackOnIMessageAfterARestart_IsKept()
    {
        using (await _host.Client.PutAsJsonAsync("/api/simulator/phones/%2B15551234567", new { imessage = false }))
        {
        }

        await using var restarted = await TapbackTestHost.StartAsync(new Dictionary<string, string?> { ["Tapback:Agent:Enabled"] = "false" }, _host.DataDirectory);

        Assert.False((await restarted.Client.GetFromJsonAsync<JsonElement>("/api/simulator/phones/%2B15551234567")).GetProperty("imessage").GetBoolean());
        using var back = await restarted.Client.PutAsJsonAsync("/api/simulator/phones/%2B15551234567", new { imessage = true });
        Assert.True((await restarted.Client.GetFromJsonAsync<JsonElement>("/api/simulator/phones/%2B15551234567")).GetProperty("imessage").GetBoolean());
    }

    [Theory]
    [InlineData("%2B15551234567", """{}""", "imessage")]
    [InlineData("banana", """{"imessage": false}""", "handle")]
    public async Task PutPhone_BadInput_Returns400NamingIt(string handle, string json, string field)
    {
        using var response = await _host.Client.PutAsync($"/api/simulator/phones/{handle}", new StringContent(json, Encoding.UTF8, "application/json"));

        await AssertNamesFieldAsync(response, field);
    }

    [Fact]
    public async Task Transport_ReplyEffectEditUnsend_EachShownOnceOnThePhone()
    {
        var asked = await _host.SendAsync(Phone, "what's up?");
        SendMessageAction send = new() { IdempotencyKey = "send-1", ChatId = Phone, MessageId = "msg_a1", Text = "party!", ReplyTo = asked, Effect = MessageEffect.Confetti };
        EditMessageAction edit = new() { IdempotencyKey = "edit-1", ChatId = Phone, MessageId = "msg_a1", Text = "party at 9!" };
        UnsendMessageAction unsend = new() { IdempotencyKey = "unsend-1", ChatId = Phone, MessageId = "msg_a1" };

        // Each twice, as after a crash: the phone shows each once.
        foreach (OutboundAction action in new OutboundAction[] { send, send, edit, edit })
        {
            await Transport.ExecuteAsync(action);
        }

        var shown = await EventsAsync(Phone);
        await Transport.ExecuteAsync(unsend);
        await Transport.ExecuteAsync(unsend);
        var afterUnsend = await EventsAsync(Phone);

        var received = Assert.Single(shown, e => e.GetProperty("type").GetString() == "message.received");
        Assert.Equal((asked, "confetti"), (received.GetProperty("replyTo").GetString(), received.GetProperty("effect").GetString()));
        var edited = Assert.Single(shown, e => e.GetProperty("type").GetString() == "message.edited");
        Assert.Equal(("msg_a1", "party at 9!", false), (edited.GetProperty("messageId").GetString(), edited.GetProperty("text").GetString(), edited.GetProperty("fromMe").GetBoolean()));
        Assert.Single(afterUnsend, e => e.GetProperty("type").GetString() == "message.unsent");
        Assert.DoesNotContain(afterUnsend, e => e.GetProperty("messageId").GetString() == "msg_a1" && e.TryGetProperty("text", out _));
    }

    [Fact]
    public async Task Transport_EditOfAMessageThePhoneNeverGot_FailsWithoutRetry()
    {
        var messageId = await _host.SendAsync(Phone, "mine");

        foreach (var target in new[] { messageId, "msg_nowhere" })
        {
            var failure = await Assert.ThrowsAsync<TransportException>(() =>
                Transport.ExecuteAsync(new EditMessageAction { IdempotencyKey = $"edit-{target}", ChatId = Phone, MessageId = target, Text = "changed" }));
            Assert.False(failure.Retryable);
        }
    }

    [Fact]
    public void Capabilities_CarryEveryIMessageFeature()
    {
        var capabilities = Transport.Capabilities;

        Assert.True(capabilities is { Replies: true, Effects: true, Edits: true, Unsends: true, TypingReceived: true, HandleLookup: true, ContactCards: true });
        Assert.IsAssignableFrom<IHandleLookup>(Transport);
    }

    private static async Task AssertNamesFieldAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"The problem should name '{field}': {problem}");
    }

    private static async Task AssertConflictAsync(HttpResponseMessage response, string says)
    {
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(says, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private async Task<List<JsonElement>> EventsAsync(string handle) =>
        [.. (await _host.Client.GetFromJsonAsync<JsonElement>($"/api/simulator/conversations/{Uri.EscapeDataString(handle)}/events")).EnumerateArray()];

    private Task<HttpResponseMessage> PostJsonAsync(string path, string json) =>
        _host.Client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    private async Task<System.Data.Common.DbConnection> OpenAsync() => await _host.Services.GetRequiredService<Database>().OpenAsync();

    private async Task<MessageRow> MessageRowAsync(string messageId)
    {
        await using var connection = await OpenAsync();
        return await connection.QuerySingleAsync<MessageRow>(
            "SELECT body AS Body, reply_to AS ReplyTo, effect AS Effect, service AS Service, edited_at AS EditedAt, unsent_at AS UnsentAt FROM messages WHERE id = @messageId",
            new { messageId });
    }

    private async Task<long?> PeerTypingSinceAsync()
    {
        await using var connection = await OpenAsync();
        return await connection.ExecuteScalarAsync<long?>("SELECT peer_typing_since FROM conversations WHERE chat_id = @Phone", new { Phone });
    }

    private sealed record MessageRow
    {
        public string Body { get; init; } = string.Empty;
        public string? ReplyTo { get; init; }
        public string? Effect { get; init; }
        public string? Service { get; init; }
        public long? EditedAt { get; init; }
        public long? UnsentAt { get; init; }
    }
}
