using System.Net;
using Tapback.Client.Tests.Infrastructure;
using Tapback.Tests.Infrastructure;

namespace Tapback.Client.Tests.Rest;

/// <summary>The REST client against a real Tapback on loopback: sends with keys, reads, actions, changes and errors.</summary>
public sealed class TapbackRestClientTests
{
    private const string Phone = "+15551230004";

    [Fact]
    public async Task SendMessageAsync_SameKeyTwice_AnswersTheFirstSendAndSendsOnce()
    {
        await using var host = await TapbackTestHost.StartAsync();
        using var rest = new TapbackRestClient(host.BaseAddress, (await Phones.PairAsync(host, Phone)).Token);

        var first = await rest.SendMessageAsync(new SendMessageRequest { To = Phone, Body = "hi there" }, idempotencyKey: "hello-1");
        var again = await rest.SendMessageAsync(new SendMessageRequest { To = Phone, Body = "hi there" }, idempotencyKey: "hello-1");
        await host.AdvanceUntilAsync(host.IsIdleAsync);

        Assert.Equal(first.MessageId, again.MessageId);
        Assert.Equal("queued", first.Status);
        Assert.Equal(1, await Phones.BubblesAsync(host, Phone, "hi there"));
        Assert.Equal("sent", (await rest.GetMessageAsync(first.MessageId)).Status);
    }

    [Fact]
    public async Task ListAsync_PhoneWrote_ConversationAndItsMessagesAreListed()
    {
        await using var host = await TapbackTestHost.StartAsync();
        using var rest = new TapbackRestClient(host.BaseAddress, (await Phones.PairAsync(host, Phone)).Token);
        var inbound = await host.SendAsync(Phone, "what's up");
        await host.AdvanceUntilAsync(host.IsIdleAsync);

        var conversation = Assert.Single((await rest.ListConversationsAsync(limit: 10)).Data);
        var messages = await rest.ListMessagesAsync(conversation.Id, limit: 50, since: host.Time.GetUtcNow().AddHours(-1));
        var message = await rest.GetMessageAsync(inbound);

        Assert.Equal(Phone, conversation.Handle);
        Assert.Contains(messages.Data, listed => listed.Id == inbound && listed.Body == "what's up");
        Assert.Equal("inbound", message.Direction);
        Assert.Equal("received", message.Status);
    }

    [Fact]
    public async Task ActionsAsync_ReadTypingTapbackEditUnsend_AreAcceptedAndReachThePhone()
    {
        await using var host = await TapbackTestHost.StartAsync();
        using var rest = new TapbackRestClient(host.BaseAddress, (await Phones.PairAsync(host, Phone)).Token);
        var inbound = await host.SendAsync(Phone, "ping");
        var sent = await rest.SendMessageAsync(new SendMessageRequest { To = Phone, Body = "pong" });
        await host.AdvanceUntilAsync(host.IsIdleAsync);

        var read = await rest.MarkReadAsync(inbound);
        await rest.SetTypingAsync(typing: true, conversationId: read.ConversationId);
        await rest.ReactAsync(inbound, Reactions.Like);
        var edited = await rest.EditMessageAsync(sent.MessageId, "pong!");
        await host.AdvanceUntilAsync(async () => (await rest.GetMessageAsync(sent.MessageId)).Body == "pong!");
        var unsent = await rest.UnsendMessageAsync(sent.MessageId);
        await host.AdvanceUntilAsync(async () => (await rest.GetMessageAsync(sent.MessageId)).Unsent);

        Assert.Equal("queued", read.Status);
        Assert.Equal("queued", edited.Status);
        Assert.Equal(sent.MessageId, unsent.MessageId);
        var events = await host.EventsAsync(Phone);
        Assert.Contains(events, e => e.Type == "read");
        Assert.Contains(events, e => e.Type == "typing.started");
        Assert.Contains(events, e => e.Type == "reaction" && e.Reaction == "like");
    }

    [Fact]
    public async Task GetMessageAsync_UnknownId_ThrowsNotFoundWithTheDetail()
    {
        await using var host = await TapbackTestHost.StartAsync();
        using var rest = new TapbackRestClient(host.BaseAddress, (await Phones.PairAsync(host, Phone)).Token);

        var error = await Assert.ThrowsAsync<TapbackApiException>(() => rest.GetMessageAsync("msg_nope"));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(error.Detail));
    }

    [Fact]
    public async Task SendMessageAsync_RateLimited_WaitsRetryAfterOnTheClockAndSendsOnce()
    {
        await using var host = await TapbackTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Tapback:Rest:PermitLimit"] = "1",
            ["Tapback:Rest:Window"] = "00:00:05",
        });
        using var rest = new TapbackRestClient(host.BaseAddress, (await Phones.PairAsync(host, Phone)).Token, host.Time);
        await rest.SendMessageAsync(new SendMessageRequest { To = Phone, Body = "first" });

        var second = rest.SendMessageAsync(new SendMessageRequest { To = Phone, Body = "second" });
        await host.AdvanceUntilAsync(() => Task.FromResult(second.IsCompleted), step: TimeSpan.FromSeconds(1));
        await host.AdvanceUntilAsync(host.IsIdleAsync);

        Assert.Equal("queued", (await second).Status);
        Assert.Equal(1, await Phones.BubblesAsync(host, Phone, "second"));
    }

    [Fact]
    public async Task LookupHandleAsync_PairedPhone_AnswersTheSimulatorsVerdict()
    {
        await using var host = await TapbackTestHost.StartAsync();
        using var rest = new TapbackRestClient(host.BaseAddress, (await Phones.PairAsync(host, Phone)).Token);

        var lookup = await rest.LookupHandleAsync(Phone);

        Assert.Equal(Phone, lookup.Handle);
        Assert.NotNull(lookup.IMessage);
    }
}
