using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Tapback.Gateway.Inbox;
using Tapback.Tests.AgentLink;
using Tapback.Storage;
using Tapback.Storage.GroupCommits;
using Tapback.Tests.Infrastructure;
using Tapback.Tests.Storage;
using Tapback.Transports.Simulator;

namespace Tapback.Tests.Gateway;

/// <summary>The inbox's guarantees hold when its events share one group commit.</summary>
public sealed class InboxGroupCommitTests : IAsyncLifetime
{
    private TapbackTestHost _host = null!;

    private GroupCommit GroupCommit => _host.Services.GetRequiredService<GroupCommit>();

    private Tapback.Gateway.Inbox.Inbox Inbox => _host.Services.GetRequiredService<Tapback.Gateway.Inbox.Inbox>();

    private PhoneLog PhoneLog => _host.Services.GetRequiredService<PhoneLog>();

    private PhoneEventHub Hub => _host.Services.GetRequiredService<PhoneEventHub>();

    private string Transport => _host.Services.GetRequiredService<SimulatorRegistry>().Default.Transport.Name;

    // Strangers (the built-in agent answers only another number), so no turn runs beside the test.
    public async Task InitializeAsync() =>
        _host = await TapbackTestHost.StartAsync(new Dictionary<string, string?> { ["Tapback:Agent:AllowFrom:0"] = "+15550000001" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task ReceiveMessageAsync_SameEventTwiceInOneBatch_StoresOneMessageAndBothGetItsId()
    {
        var gate = new HeldUnit(GroupCommit);
        await gate.StartedAsync();
        var first = Inbox.ReceiveMessageAsync(Message("+15557000001", "evt-twice", "hello"));
        var second = Inbox.ReceiveMessageAsync(Message("+15557000001", "evt-twice", "hello"));
        gate.Release();

        var results = await Task.WhenAll(first, second);

        Assert.True(results[0].Created);
        Assert.False(results[1].Created);
        Assert.Equal(results[0].MessageId, results[1].MessageId);
        Assert.Equal(1, await ScalarAsync("SELECT count(*) FROM inbox WHERE event_id = 'evt-twice'"));
        Assert.Equal(1, await ScalarAsync("SELECT count(*) FROM messages WHERE sender = '+15557000001'"));
    }

    [Fact]
    public async Task ReceiveMessageAsync_OneFailingEventInABatch_FailsOnlyItsCallerAndStoresNothingOfIt()
    {
        var taken = await Inbox.ReceiveMessageAsync(Message("+15557000010", "evt-owner", "first"));
        var gate = new HeldUnit(GroupCommit);
        await gate.StartedAsync();
        var before = Inbox.ReceiveMessageAsync(Message("+15557000011", "evt-before", "fine"));
        // A new chat whose message id is already taken: its inbox row and conversation are written, then the message insert fails.
        var failing = Inbox.ReceiveMessageAsync(Message("+15557000012", "evt-clash", "doomed") with { MessageId = taken.MessageId });
        var after = Inbox.ReceiveMessageAsync(Message("+15557000013", "evt-after", "fine"));
        gate.Release();

        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => failing);
        Assert.True((await before).Created);
        Assert.True((await after).Created);
        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM inbox WHERE event_id = 'evt-clash'"));
        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM conversations WHERE chat_id = '+15557000012'"));
        Assert.Equal(2, await ScalarAsync("SELECT count(*) FROM messages WHERE sender IN ('+15557000011', '+15557000013')"));
    }

    [Fact]
    public async Task ReceiveMessageAsync_BatchNotYetCommitted_DoesNotReturn()
    {
        var gate = new HeldUnit(GroupCommit);
        await gate.StartedAsync();
        var receive = Inbox.ReceiveMessageAsync(Message("+15557000020", "evt-held", "wait for it"));
        var holder = new HeldUnit(GroupCommit);
        gate.Release();
        await holder.StartedAsync();

        Assert.False(receive.IsCompleted);
        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM messages WHERE sender = '+15557000020'"));

        holder.Release();
        Assert.True((await receive).Created);
        Assert.Equal(1, await ScalarAsync("SELECT count(*) FROM messages WHERE sender = '+15557000020'"));
    }

    [Fact]
    public async Task ReceiveMessageAsync_ManyAtOnceInOneConversation_KeepsTheirOrder()
    {
        var gate = new HeldUnit(GroupCommit);
        await gate.StartedAsync();
        var receives = Enumerable.Range(0, 30)
            .Select(index => Inbox.ReceiveMessageAsync(Message("+15557000030", $"evt-order-{index}", $"message {index}")))
            .ToList();
        gate.Release();
        await Task.WhenAll(receives);

        await using var connection = await _host.Services.GetRequiredService<Database>().OpenAsync();
        var texts = await connection.QueryAsync<string>("SELECT body FROM messages WHERE sender = '+15557000030' ORDER BY seq");
        Assert.Equal(Enumerable.Range(0, 30).Select(index => $"message {index}"), texts);
    }

    [Fact]
    public async Task ReceiveMessageAsync_SeveralConversationsInOneBatch_EachKeepsItsOrder()
    {
        // On PostgreSQL different conversations are written side by side; a STOP takes a longer path
        // than a plain message, and must not let the message after it overtake it.
        string[] people = ["+15557000050", "+15557000051", "+15557000052"];
        var gate = new HeldUnit(GroupCommit);
        await gate.StartedAsync();
        var receives = Enumerable.Range(0, 12)
            .Select(index => Inbox.ReceiveMessageAsync(Message(people[index % 3], $"evt-many-{index}", index == 4 ? "STOP" : $"message {index}")))
            .ToList();
        gate.Release();
        await Task.WhenAll(receives);

        await using var connection = await _host.Services.GetRequiredService<Database>().OpenAsync();
        foreach (var (person, offset) in people.Select((person, offset) => (person, offset)))
        {
            var texts = await connection.QueryAsync<string>("SELECT body FROM messages WHERE sender = @person ORDER BY seq", new { person });
            Assert.Equal(Enumerable.Range(0, 4).Select(round => round * 3 + offset).Select(index => index == 4 ? "STOP" : $"message {index}"), texts);
        }
    }

    [Fact]
    public async Task ReceiveMessageAsync_CompanionOfAFailingEvent_StoresAndShowsNeither()
    {
        var taken = await Inbox.ReceiveMessageAsync(Message("+15557000040", "evt-companion-owner", "first"));
        using var shown = Hub.Subscribe("+15557000041");
        var line = PhoneLog.Line("+15557000041", PhoneEventTypes.MessageSent, "sent:companion-clash", fromMe: true, text: "doomed");

        // The message id is taken, so the event's own insert fails after its companion line was written.
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() =>
            Inbox.ReceiveMessageAsync(Message("+15557000041", "evt-companion-clash", "doomed") with { MessageId = taken.MessageId }, line.AsCompanion()));

        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM simulator_events WHERE dedupe_key = 'sent:companion-clash'"));
        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM inbox WHERE event_id = 'evt-companion-clash'"));
        Assert.False(shown.Reader.TryRead(out _));
    }

    [Fact]
    public async Task ReceiveMessageAsync_CompanionDeliveredTwice_StoresAndShowsItOnce()
    {
        using var shown = Hub.Subscribe("+15557000042");

        var first = await Inbox.ReceiveMessageAsync(
            Message("+15557000042", "evt-companion-twice", "hello"),
            PhoneLog.Line("+15557000042", PhoneEventTypes.MessageSent, "sent:companion-twice", fromMe: true, text: "hello").AsCompanion());
        var again = await Inbox.ReceiveMessageAsync(
            Message("+15557000042", "evt-companion-twice", "hello"),
            PhoneLog.Line("+15557000042", PhoneEventTypes.MessageSent, "sent:companion-twice", fromMe: true, text: "hello").AsCompanion());

        Assert.True(first.Created);
        Assert.False(again.Created);
        Assert.Equal(1, await ScalarAsync("SELECT count(*) FROM simulator_events WHERE dedupe_key = 'sent:companion-twice'"));
        Assert.True(shown.Reader.TryRead(out var line));
        Assert.Equal("hello", line.Text);
        Assert.False(shown.Reader.TryRead(out _));
    }

    [Fact]
    public async Task ReceiveMessageAsync_RoutedToIntegrations_OnPostgresABatchTakesThreeRoundTrips()
    {
        string[] people = ["+15557000060", "+15557000061", "+15557000062"];
        foreach (var person in people)
        {
            await GatewayScript.PairAsync(_host, person);
        }

        // The first interleaved batch to meet a statement's text runs it alone (to learn whether it returns rows).
        await ReceiveInOneBatchAsync(people, "evt-rounds-warm");
        var before = GroupCommit.InterleavedRoundTrips;

        var stored = await ReceiveInOneBatchAsync(people, "evt-rounds");

        // Each is routed to its person's integration and queued for it.
        Assert.All(stored, result => Assert.True(result.Created));
        await using var connection = await _host.Services.GetRequiredService<Database>().OpenAsync();
        var queued = (await connection.QueryAsync<string>("SELECT message_id FROM agent_queue WHERE link LIKE 'integration:%'")).ToHashSet();
        Assert.All(stored, result => Assert.Contains(result.MessageId, queued));

        // The route beside the inbox row, the webhook subscriptions beside the conversation's upsert, the
        // queue row beside the message: three rounds for the batch, where each of the last two was a round of its own.
        if (TestStore.IsPostgres)
        {
            Assert.Equal(3, GroupCommit.InterleavedRoundTrips - before);
        }
    }

    private async Task<InboxResult[]> ReceiveInOneBatchAsync(string[] people, string eventPrefix)
    {
        var gate = new HeldUnit(GroupCommit);
        await gate.StartedAsync();
        var receives = people.Select((person, index) => Inbox.ReceiveMessageAsync(Message(person, $"{eventPrefix}-{index}", "hello"))).ToList();
        gate.Release();
        return await Task.WhenAll(receives);
    }

    private InboundMessage Message(string from, string eventId, string text) => new()
    {
        Transport = Transport,
        EventId = eventId,
        ChatId = from,
        From = from,
        Text = text,
    };

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = await _host.Services.GetRequiredService<Database>().OpenAsync();
        return await connection.ExecuteScalarAsync<long>(sql);
    }
}
