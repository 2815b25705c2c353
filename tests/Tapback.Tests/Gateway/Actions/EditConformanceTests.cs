using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Tapback.Gateway.Conversations;
using Tapback.Gateway.Outbox;
using Tapback.Messaging;
using Tapback.Storage;
using Tapback.Tests.AgentLink;
using Tapback.Tests.AgentLink.Mcp;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Gateway.Actions;

/// <summary>
/// An agent's edits, unsends and scheduled sends through the WebSocket, REST and MCP: the same core
/// answers each, so the outcome and the sentence of a refusal are the same everywhere. The chat's
/// transport is a recording double that can edit and unsend; a second one can do neither.
/// </summary>
public sealed class EditConformanceTests : IAsyncLifetime
{
    private const string Mine = "+15551270401";
    private const string OnPlain = "+15551270402";
    private readonly RecordingTransport _editing = new("editing")
    {
        Capabilities = new TransportCapabilities { Typing = true, TapbacksSent = true, Edits = true, Unsends = true },
    };

    private TapbackTestHost _host = null!;
    private List<IEditSurface> _surfaces = null!;
    private List<IEditSurface> _plainSurfaces = null!;
    private string _myConversation = null!;
    private string _myInbound = null!;
    private string _plainConversation = null!;

    public async Task InitializeAsync()
    {
        var plain = new RecordingTransport("plain") { Capabilities = new TransportCapabilities() };
        _host = await TapbackTestHost.StartAsync(services: services =>
        {
            services.AddSingleton<IMessageTransport>(_editing);
            services.AddSingleton<IMessageTransport>(plain);
        });
        var mine = await GatewayScript.PairAsync(_host, Mine);
        var onPlain = await GatewayScript.PairAsync(_host, OnPlain);
        _myInbound = await _host.SendAsync(Mine, "hello from mine");
        _myConversation = await ScalarAsync<string>("SELECT conversation_id FROM messages WHERE id = @id", new { id = _myInbound });
        _plainConversation = await ScalarAsync<string>("SELECT conversation_id FROM messages WHERE id = @id", new { id = await _host.SendAsync(OnPlain, "hello from plain") });
        await ExecuteAsync("UPDATE integrations SET transport = 'editing' WHERE phone = @Mine", new { Mine });
        await ExecuteAsync("UPDATE conversations SET transport = 'editing' WHERE id = @_myConversation", new { _myConversation });
        await ExecuteAsync("UPDATE integrations SET transport = 'plain' WHERE phone = @OnPlain", new { OnPlain });
        await ExecuteAsync("UPDATE conversations SET transport = 'plain' WHERE id = @_plainConversation", new { _plainConversation });
        _surfaces = await SurfacesAsync(Mine, mine);
        _plainSurfaces = await SurfacesAsync(OnPlain, onPlain);
    }

    public async Task DisposeAsync()
    {
        foreach (var surface in _surfaces.Concat(_plainSurfaces))
        {
            await surface.DisposeAsync();
        }

        await _host.DisposeAsync();
    }

    [Fact]
    public async Task Edit_ASentMessageOnEverySurface_EditsItThroughTheTransportAndKeepsTheOldText()
    {
        foreach (var surface in _surfaces)
        {
            var sent = await SentAsync(_myConversation, $"teh typo over {surface.Name}");

            var outcome = await surface.EditAsync(sent, $"the typo over {surface.Name}");

            Assert.True(outcome.Accepted, $"{surface.Name}: {outcome.Reason}");
            await _host.AdvanceUntilAsync(async () => await ScalarAsync<long?>("SELECT edited_at FROM messages WHERE id = @sent", new { sent }) is not null);
            Assert.Equal($"the typo over {surface.Name}", await ScalarAsync<string>("SELECT body FROM messages WHERE id = @sent", new { sent }));
            Assert.Equal([$"teh typo over {surface.Name}"], await QueryAsync<string>("SELECT body FROM message_edits WHERE message_id = @sent ORDER BY id", new { sent }));
            var edit = Assert.Single(_editing.Actions.OfType<EditMessageAction>(), action => action.MessageId == sent);
            Assert.Equal($"the typo over {surface.Name}", edit.Text);
            // The integration that asked hears the outcome of its edit.
            Assert.Equal(1, await ScalarAsync<long>("SELECT count(*) FROM agent_queue WHERE message_id = @sent AND kind = @kind", new { sent, kind = "message.edited" }));
        }
    }

    [Fact]
    public async Task Unsend_ASentMessageOnEverySurface_UnsendsItAndEmptiesTheStoredText()
    {
        foreach (var surface in _surfaces)
        {
            var sent = await SentAsync(_myConversation, $"oops over {surface.Name}");

            var outcome = await surface.UnsendAsync(sent);

            Assert.True(outcome.Accepted, $"{surface.Name}: {outcome.Reason}");
            await _host.AdvanceUntilAsync(async () => await ScalarAsync<long?>("SELECT unsent_at FROM messages WHERE id = @sent", new { sent }) is not null);
            Assert.Equal(string.Empty, await ScalarAsync<string>("SELECT body FROM messages WHERE id = @sent", new { sent }));
            Assert.Single(_editing.Actions.OfType<UnsendMessageAction>(), action => action.MessageId == sent);
            Assert.Equal(1, await ScalarAsync<long>("SELECT count(*) FROM agent_queue WHERE message_id = @sent AND kind = @kind", new { sent, kind = "message.unsent" }));

            // Taking it back again is done already: nothing more is written.
            var before = await OutboxRowsAsync();
            Assert.True((await surface.UnsendAsync(sent)).Accepted);
            Assert.Equal(before, await OutboxRowsAsync());
        }
    }

    [Fact]
    public async Task Edit_TheTransportRefuses_TheAgentHearsMessageFailedForTheEditAndTheMessageStaysAsSent()
    {
        var sent = await SentAsync(_myConversation, "keep me");
        _editing.BeforeExecute = (action, _) =>
        {
            if (action is EditMessageAction)
            {
                throw new TransportException("The provider cannot edit this message.", retryable: false);
            }
        };

        Assert.True((await _surfaces[0].EditAsync(sent, "changed")).Accepted);

        await _host.AdvanceUntilAsync(async () => await ScalarAsync<long>("SELECT count(*) FROM agent_queue WHERE message_id = @sent AND kind = @kind", new { sent, kind = "message.failed" }) == 1);
        var report = await ScalarAsync<string>("SELECT payload FROM agent_queue WHERE message_id = @sent AND kind = @kind", new { sent, kind = "message.failed" });
        Assert.Contains("\"operation\":\"edit\"", report, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("keep me", await ScalarAsync<string>("SELECT body FROM messages WHERE id = @sent", new { sent }));
        Assert.Equal(MessageStates.Sent, await ScalarAsync<string>("SELECT state FROM messages WHERE id = @sent", new { sent }));
    }

    [Fact]
    public async Task EditAndUnsend_OutsideApplesWindows_AreRefusedAlikeAsConflictsAndWriteNothing()
    {
        var sent = await SentAsync(_myConversation, "an old message");
        _host.Time.Advance(TimeSpan.FromMinutes(3));
        var unsends = new List<string?>();
        foreach (var surface in _surfaces)
        {
            unsends.Add(await AssertRefusedAsync(surface, () => surface.UnsendAsync(sent)));
        }

        _host.Time.Advance(TimeSpan.FromMinutes(13));
        var edits = new List<string?>();
        foreach (var surface in _surfaces)
        {
            edits.Add(await AssertRefusedAsync(surface, () => surface.EditAsync(sent, "too late")));
        }

        Assert.Single(unsends.Distinct());
        Assert.Contains("2 minutes", unsends[0], StringComparison.Ordinal);
        Assert.Single(edits.Distinct());
        Assert.Contains("15 minutes", edits[0], StringComparison.Ordinal);
        var rest = _surfaces.OfType<RestEdits>().Single();
        await rest.EditAsync(sent, "too late");
        Assert.Equal(409, rest.LastStatus);
    }

    [Fact]
    public async Task Edit_ASixthTime_IsRefusedWithApplesLimit()
    {
        var sent = await SentAsync(_myConversation, "edit me");
        var rest = _surfaces.OfType<RestEdits>().Single();
        for (var edit = 1; edit <= MessageChangeWindows.MaxEdits; edit++)
        {
            Assert.True((await rest.EditAsync(sent, $"edit {edit}")).Accepted, rest.LastAnswer?.ToJsonString());
        }

        var reasons = new List<string?>();
        foreach (var surface in _surfaces)
        {
            reasons.Add(await AssertRefusedAsync(surface, () => surface.EditAsync(sent, "one more")));
        }

        Assert.Single(reasons.Distinct());
        Assert.Contains("5 times", reasons[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Edit_WithTheSameKeyAgain_EditsOnceAndAnotherTextUnderItIsAConflict()
    {
        var sent = await SentAsync(_myConversation, "keyed");
        foreach (var surface in _surfaces)
        {
            var key = $"edit-key-{surface.Name}";
            await AssertWritesAsync(1, surface, () => surface.EditAsync(sent, $"keyed {surface.Name}", key));
            await AssertWritesAsync(0, surface, () => surface.EditAsync(sent, $"keyed {surface.Name}", key));
            Assert.Contains("already used", await AssertRefusedAsync(surface, () => surface.EditAsync(sent, "another text", key)), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task EditAndUnsend_OfThePersonsMessageOrOnATransportWithout_AreRefusedAlike()
    {
        var plainSent = await SentAsync(_plainConversation, "on plain");
        var refusals = new List<(string Action, string? Reason)>();
        foreach (var surface in _surfaces)
        {
            refusals.Add(("edit inbound", await AssertRefusedAsync(surface, () => surface.EditAsync(_myInbound, "not mine"))));
            refusals.Add(("unsend inbound", await AssertRefusedAsync(surface, () => surface.UnsendAsync(_myInbound))));
            refusals.Add(("edit unknown", await AssertRefusedAsync(surface, () => surface.EditAsync("msg_nope", "nothing"))));
        }

        foreach (var surface in _plainSurfaces)
        {
            refusals.Add(("edit plain", await AssertRefusedAsync(surface, () => surface.EditAsync(plainSent, "cannot"))));
            refusals.Add(("unsend plain", await AssertRefusedAsync(surface, () => surface.UnsendAsync(plainSent))));
        }

        foreach (var action in refusals.GroupBy(refusal => refusal.Action))
        {
            Assert.Single(action.Select(refusal => refusal.Reason).Distinct());
        }

        Assert.Contains("sent by the person", refusals.First(refusal => refusal.Action == "edit inbound").Reason, StringComparison.Ordinal);
        Assert.Contains("(plain)", refusals.First(refusal => refusal.Action == "edit plain").Reason, StringComparison.Ordinal);
        Assert.Contains("(plain)", refusals.First(refusal => refusal.Action == "unsend plain").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScheduledSend_OnEverySurface_WaitsWithoutHoldingTheChatBackAndGoesWhenDue()
    {
        var due = _host.Time.GetUtcNow().AddHours(1);
        foreach (var surface in _surfaces)
        {
            Assert.True((await surface.SendAsync(_myConversation, $"later over {surface.Name}", due.ToString("O"))).Accepted);
        }

        var rest = _surfaces.OfType<RestEdits>().Single();
        await rest.SendAsync(_myConversation, "at 10 sharp", due.ToOffset(TimeSpan.FromHours(1)).ToString("O"));
        Assert.Equal("scheduled", (string?)rest.LastAnswer?["status"]);

        // A send now goes at once, past the scheduled ones.
        var now = await SentAsync(_myConversation, "right now");
        Assert.Equal(4, await ScalarAsync<long>("SELECT count(*) FROM messages WHERE conversation_id = @_myConversation AND state = @state", new { _myConversation, state = MessageStates.Scheduled }));
        Assert.DoesNotContain(_editing.Actions.OfType<SendMessageAction>(), action => action.Text.StartsWith("later", StringComparison.Ordinal));

        _host.Time.Advance(TimeSpan.FromHours(1));
        await _host.AdvanceUntilAsync(() => Task.FromResult(_editing.Actions.OfType<SendMessageAction>().Count(action => action.Text.StartsWith("later", StringComparison.Ordinal)) == 3));
        Assert.Equal(0, await ScalarAsync<long>("SELECT count(*) FROM outbox WHERE state = @state AND next_attempt_at <= @at", new { state = OutboxStates.Scheduled, at = due.ToUnixTimeMilliseconds() }));
        Assert.Contains(now, _editing.Actions.OfType<SendMessageAction>().Select(action => action.MessageId));
    }

    [Fact]
    public async Task ScheduledSend_InThePastTooFarOrUnreadable_IsRefusedAlikeAndWritesNothing()
    {
        var refusals = new List<(string Action, string? Reason)>();
        foreach (var surface in _surfaces)
        {
            refusals.Add(("past", await AssertRefusedAsync(surface, () => surface.SendAsync(_myConversation, "yesterday", _host.Time.GetUtcNow().AddMinutes(-1).ToString("O")))));
            refusals.Add(("far", await AssertRefusedAsync(surface, () => surface.SendAsync(_myConversation, "next year", _host.Time.GetUtcNow().AddDays(60).ToString("O")))));
            refusals.Add(("no offset", await AssertRefusedAsync(surface, () => surface.SendAsync(_myConversation, "whenever", "2026-12-24T18:00:00"))));
        }

        foreach (var action in refusals.GroupBy(refusal => refusal.Action))
        {
            Assert.Single(action.Select(refusal => refusal.Reason).Distinct());
        }

        var rest = _surfaces.OfType<RestEdits>().Single();
        await rest.SendAsync(_myConversation, "yesterday", _host.Time.GetUtcNow().AddMinutes(-1).ToString("O"));
        Assert.Equal(400, rest.LastStatus);
    }

    [Fact]
    public async Task Delete_OfAScheduledSend_CancelsItTheAgentHearsAndItNeverGoes()
    {
        var rest = _surfaces.OfType<RestEdits>().Single();
        var due = _host.Time.GetUtcNow().AddMinutes(30);
        var scheduled = (await rest.SendAsync(_myConversation, "cancel me", due.ToString("O"))).MessageIds.Single();

        var outcome = await rest.UnsendAsync(scheduled);

        Assert.True(outcome.Accepted, outcome.Reason);
        Assert.Equal("cancelled", (string?)rest.LastAnswer?["status"]);
        Assert.Equal(MessageStates.Cancelled, await ScalarAsync<string>("SELECT state FROM messages WHERE id = @scheduled", new { scheduled }));
        Assert.Equal(1, await ScalarAsync<long>("SELECT count(*) FROM agent_queue WHERE message_id = @scheduled AND kind = @kind", new { scheduled, kind = "message.failed" }));

        // Past its time, a later send goes; by then the cancelled one would have gone before it.
        _host.Time.Advance(TimeSpan.FromMinutes(31));
        await SentAsync(_myConversation, "after the cancelled one");
        Assert.DoesNotContain(_editing.Actions.OfType<SendMessageAction>(), action => action.MessageId == scheduled);
        Assert.Contains("cancelled", await AssertRefusedAsync(rest, () => rest.EditAsync(scheduled, "too late")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Edit_OfAScheduledSend_RewritesItsTextWithoutHistory()
    {
        var rest = _surfaces.OfType<RestEdits>().Single();
        var due = _host.Time.GetUtcNow().AddMinutes(5);
        var scheduled = (await rest.SendAsync(_myConversation, "draft", due.ToString("O"))).MessageIds.Single();

        foreach (var surface in _surfaces)
        {
            Assert.True((await surface.EditAsync(scheduled, $"final over {surface.Name}")).Accepted);
        }

        Assert.Equal("revised", (string?)rest.LastAnswer?["status"]);
        _host.Time.Advance(TimeSpan.FromMinutes(5));
        await _host.AdvanceUntilAsync(() => Task.FromResult(_editing.Actions.OfType<SendMessageAction>().Any(action => action.MessageId == scheduled)));
        Assert.Equal($"final over {_surfaces[^1].Name}", _editing.Actions.OfType<SendMessageAction>().Single(action => action.MessageId == scheduled).Text);
        Assert.DoesNotContain(_editing.Actions.OfType<EditMessageAction>(), action => action.MessageId == scheduled);
        Assert.Empty(await QueryAsync<string>("SELECT body FROM message_edits WHERE message_id = @scheduled", new { scheduled }));
    }

    [Fact]
    public async Task PromoteDue_TwiceAtOnce_QueuesADueSendExactlyOnce()
    {
        var rest = _surfaces.OfType<RestEdits>().Single();
        var scheduled = (await rest.SendAsync(_myConversation, "once only", _host.Time.GetUtcNow().AddMinutes(1).ToString("O"))).MessageIds.Single();
        var store = _host.Services.GetRequiredService<OutboxStore>();
        // A second node: its own store and writer on the same database.
        await using var otherWriter = new Tapback.Storage.GroupCommits.GroupCommit(
            _host.Services.GetRequiredService<Database>(), _host.Services.GetRequiredService<Microsoft.Extensions.Logging.ILogger<Tapback.Storage.GroupCommits.GroupCommit>>());
        var second = new OutboxStore(
            _host.Services.GetRequiredService<Database>(), otherWriter, _host.Services.GetRequiredService<Tapback.Gateway.AgentQueue.AgentLinkSignals>(),
            _host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<OutboxOptions>>(),
            _host.Time);

        _host.Time.Advance(TimeSpan.FromMinutes(1));
        var promoted = await Task.WhenAll(store.PromoteDueAsync(), second.PromoteDueAsync(), store.PromoteDueAsync());

        Assert.True(promoted.Sum() <= 1, $"promoted {promoted.Sum()} times");
        await _host.AdvanceUntilAsync(() => Task.FromResult(_editing.Actions.OfType<SendMessageAction>().Any(action => action.MessageId == scheduled)));
        Assert.Single(_editing.Actions.OfType<SendMessageAction>(), action => action.MessageId == scheduled);
        Assert.Equal(1, await ScalarAsync<long>("SELECT count(*) FROM outbox WHERE message_id = @scheduled", new { scheduled }));
    }

    private async Task<string?> AssertRefusedAsync(IEditSurface surface, Func<Task<ActionOutcome>> act)
    {
        var outcome = await AssertWritesAsync(0, surface, act);
        Assert.False(outcome.Accepted, $"{surface.Name} accepted what it should refuse.");
        Assert.False(string.IsNullOrWhiteSpace(outcome.Reason), $"{surface.Name} refused without a reason.");
        return outcome.Reason;
    }

    private async Task<ActionOutcome> AssertWritesAsync(int rows, IEditSurface surface, Func<Task<ActionOutcome>> act)
    {
        var before = await OutboxRowsAsync();
        var outcome = await act();
        Assert.True(rows == 0 || outcome.Accepted, $"{surface.Name} refused: {outcome.Reason}");
        Assert.Equal(before + rows, await OutboxRowsAsync());
        return outcome;
    }

    /// <summary>A message the integration sent into <paramref name="conversation"/>, once the transport took it.</summary>
    private async Task<string> SentAsync(string conversation, string text)
    {
        var rest = (conversation == _plainConversation ? _plainSurfaces : _surfaces).OfType<RestEdits>().Single();
        var sent = (await rest.SendAsync(conversation, text)).MessageIds.Single();
        await _host.AdvanceUntilAsync(async () => await ScalarAsync<string>("SELECT state FROM messages WHERE id = @sent", new { sent }) == MessageStates.Sent);
        return sent;
    }

    private async Task<List<IEditSurface>> SurfacesAsync(string phone, string token) =>
    [
        new SocketEdits((await ScriptedAgentClient.ConnectReadyAsync(_host.BaseAddress, phone, token)).Client),
        new RestEdits(_host, token),
        new McpEdits(await McpFixture.ConnectAsync(_host, token)),
    ];

    private Task<long> OutboxRowsAsync() => ScalarAsync<long>("SELECT count(*) FROM outbox", new { });

    private async Task<T> ScalarAsync<T>(string sql, object parameters)
    {
        await using var connection = await _host.Services.GetRequiredService<Database>().OpenAsync();
        return (await connection.ExecuteScalarAsync<T>(sql, parameters))!;
    }

    private async Task<List<T>> QueryAsync<T>(string sql, object parameters)
    {
        await using var connection = await _host.Services.GetRequiredService<Database>().OpenAsync();
        return [.. await connection.QueryAsync<T>(sql, parameters)];
    }

    private async Task ExecuteAsync(string sql, object parameters)
    {
        await using var connection = await _host.Services.GetRequiredService<Database>().OpenAsync();
        await connection.ExecuteAsync(sql, parameters);
    }
}
