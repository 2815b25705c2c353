using System.Globalization;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Tapback.Messaging;
using Tapback.Storage;
using Tapback.Tests.AgentLink;
using Tapback.Tests.AgentLink.Mcp;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Gateway.Actions;

/// <summary>
/// Every action through every surface (WebSocket, REST, MCP, and the built-in agent's <c>react</c>)
/// against the same scenarios: allowed, another integration's chat, a transport that cannot do it, the
/// same key again, and bad input. One core answers all of them, so the outcome (and the sentence of a
/// refusal) is the same everywhere, and a refusal writes nothing.
/// </summary>
public sealed partial class ActionConformanceTests : IAsyncLifetime
{
    private const string Mine = "+15551270301";
    private const string Theirs = "+15551270302";
    private const string OnPlain = "+15551270303";
    private TapbackTestHost _host = null!;
    private List<IActionSurface> _surfaces = null!;
    private List<IActionSurface> _plainSurfaces = null!;
    private string _myConversation = null!;
    private string _myMessage = null!;
    private string _theirConversation = null!;
    private string _theirMessage = null!;
    private string _plainConversation = null!;
    private string _plainMessage = null!;

    public async Task InitializeAsync()
    {
        var plain = new RecordingTransport("plain") { Capabilities = new TransportCapabilities() };
        _host = await TapbackTestHost.StartAsync(
            new Dictionary<string, string?> { ["Tapback:Actions:MaxBodyLength"] = MaxBodyLength.ToString(CultureInfo.InvariantCulture) },
            services: services => services.AddSingleton<IMessageTransport>(plain).AddSingleton<IMessageTransport>(_rich));
        var mine = await GatewayScript.PairAsync(_host, Mine);
        var theirs = await GatewayScript.PairAsync(_host, Theirs);
        var onPlain = await GatewayScript.PairAsync(_host, OnPlain);
        _myMessage = await _host.SendAsync(Mine, "hello from mine");
        _theirMessage = await _host.SendAsync(Theirs, "hello from theirs");
        _plainMessage = await _host.SendAsync(OnPlain, "hello from a plain transport");
        _myConversation = await ConversationOfAsync(_myMessage);
        _theirConversation = await ConversationOfAsync(_theirMessage);
        _plainConversation = await ConversationOfAsync(_plainMessage);
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
    public async Task EveryAction_InItsOwnChat_IsAcceptedOnEverySurface()
    {
        foreach (var surface in _surfaces)
        {
            await AssertWritesAsync(1, surface, () => surface.SendAsync(Mine, $"hi over {surface.Name}", key: null));
            await AssertWritesAsync(1, surface, () => surface.SendAsync(_myConversation, $"again over {surface.Name}", key: null));
            await AssertWritesAsync(1, surface, () => surface.ReactAsync(_myMessage, "love", key: null));
            await AssertWritesAsync(1, surface, () => surface.TypingAsync(Mine, on: true));
        }

        var builtIn = new BuiltInSurface(_host, _myConversation);
        await AssertWritesAsync(1, BuiltInSurface.Name, () => builtIn.ReactAsync(_myMessage, "like", key: null));
        Assert.Contains("react", await builtIn.ToolNamesAsync());
    }

    [Fact]
    public async Task MarkRead_TheSameMessageOnEverySurface_WritesOneReceiptPerSurface()
    {
        foreach (var surface in _surfaces)
        {
            await AssertWritesAsync(1, surface, () => surface.MarkReadAsync(_myConversation, _myMessage));
            await AssertWritesAsync(0, surface, () => surface.MarkReadAsync(_myConversation, _myMessage));
        }
    }

    [Fact]
    public async Task EveryAction_InAnotherIntegrationsChat_IsRefusedAlikeAndWritesNothing()
    {
        var refusals = new List<(string Surface, string Action, string? Reason)>();
        foreach (var surface in _surfaces)
        {
            refusals.Add((surface.Name, "send", await AssertRefusedAsync(surface, () => surface.SendAsync(_theirConversation, "hijack", key: null))));
            refusals.Add((surface.Name, "send to their phone", await AssertRefusedAsync(surface, () => surface.SendAsync(Theirs, "hijack", key: null))));
            refusals.Add((surface.Name, "react", await AssertRefusedAsync(surface, () => surface.ReactAsync(_theirMessage, "love", key: null))));
            refusals.Add((surface.Name, "typing", await AssertRefusedAsync(surface, () => surface.TypingAsync(_theirConversation, on: true))));
        }

        AssertSameReasonPerAction(refusals);
        var builtIn = new BuiltInSurface(_host, _myConversation);
        Assert.Contains("conversation of its turn", await AssertRefusedAsync(BuiltInSurface.Name, () => builtIn.ReactAsync(_theirMessage, "love", key: null)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryAction_TheTransportCannotDo_IsRefusedAlikeWithItsNameAndWritesNothing()
    {
        var refusals = new List<(string Surface, string Action, string? Reason)>();
        foreach (var surface in _plainSurfaces)
        {
            refusals.Add((surface.Name, "react", await AssertRefusedAsync(surface, () => surface.ReactAsync(_plainMessage, "love", key: null))));
            refusals.Add((surface.Name, "typing", await AssertRefusedAsync(surface, () => surface.TypingAsync(_plainConversation, on: true))));
            refusals.Add((surface.Name, "read", await AssertRefusedAsync(surface, () => surface.MarkReadAsync(_plainConversation, _plainMessage))));
        }

        AssertSameReasonPerAction(refusals);
        Assert.All(refusals, refusal => Assert.Contains("(plain)", refusal.Reason, StringComparison.Ordinal));

        // The built-in agent is not offered react there, and a call anyway is refused with the same sentence.
        var builtIn = new BuiltInSurface(_host, _plainConversation);
        Assert.DoesNotContain("react", await builtIn.ToolNamesAsync());
        var reason = await AssertRefusedAsync(BuiltInSurface.Name, () => builtIn.ReactAsync(_plainMessage, "love", key: null));
        Assert.Equal(refusals.First(refusal => refusal.Action == "react").Reason, reason);
    }

    [Fact]
    public async Task Send_TheSameKeyAgain_ReturnsTheFirstAndAnotherRequestWithItIsAConflict()
    {
        var conflicts = new List<(string Surface, string Action, string? Reason)>();
        foreach (var surface in _surfaces)
        {
            var key = $"key-{surface.Name}";
            var first = await AssertWritesAsync(1, surface, () => surface.SendAsync(Mine, "once", key));
            var again = await AssertWritesAsync(0, surface, () => surface.SendAsync(Mine, "once", key));
            Assert.True(again.Accepted, $"{surface.Name}: the repeat was refused: {again.Reason}");
            Assert.Equal(first.MessageIds, again.MessageIds);
            conflicts.Add((surface.Name, "send", await AssertRefusedAsync(surface, () => surface.SendAsync(Mine, "something else", key))));
        }

        AssertSameReasonPerAction(conflicts);
        Assert.Contains("already used", conflicts[0].Reason, StringComparison.Ordinal);

        // The built-in agent's key is its turn's: the same turn run again reacts once.
        var builtIn = new BuiltInSurface(_host, _myConversation);
        await AssertWritesAsync(1, BuiltInSurface.Name, () => builtIn.ReactAsync(_myMessage, "laugh", "turn:conformance"));
        await AssertWritesAsync(0, BuiltInSurface.Name, () => builtIn.ReactAsync(_myMessage, "laugh", "turn:conformance"));
        Assert.Equal(conflicts[0].Reason, await AssertRefusedAsync(BuiltInSurface.Name, () => builtIn.ReactAsync(_myMessage, "love", "turn:conformance")));
    }

    [Fact]
    public async Task EveryAction_OnAChatOrMessageThatDoesNotExist_IsRefusedAlikeAndWritesNothing()
    {
        var refusals = new List<(string Surface, string Action, string? Reason)>();
        foreach (var surface in _surfaces)
        {
            refusals.Add((surface.Name, "send", await AssertRefusedAsync(surface, () => surface.SendAsync("conv_nope", "to no one", key: null))));
            refusals.Add((surface.Name, "react", await AssertRefusedAsync(surface, () => surface.ReactAsync("msg_nope", "love", key: null))));
            refusals.Add((surface.Name, "typing", await AssertRefusedAsync(surface, () => surface.TypingAsync("conv_nope", on: false))));
        }

        AssertSameReasonPerAction(refusals);
        var builtIn = new BuiltInSurface(_host, _myConversation);
        Assert.Equal(
            refusals.First(refusal => refusal.Action == "react").Reason,
            await AssertRefusedAsync(BuiltInSurface.Name, () => builtIn.ReactAsync("msg_nope", "love", key: null)));
    }

    [Fact]
    public async Task EveryAction_WithBadInput_IsRefusedAndWritesNothing()
    {
        foreach (var surface in _surfaces)
        {
            await AssertRefusedAsync(surface, () => surface.SendAsync(Mine, string.Empty, key: null));
            await AssertRefusedAsync(surface, () => surface.ReactAsync(_myMessage, "wow", key: null));
            await AssertRefusedAsync(surface, () => surface.SendAsync("not a phone", "hi", key: null));
        }

        var builtIn = new BuiltInSurface(_host, _myConversation);
        Assert.Contains("not a tapback", await AssertRefusedAsync(BuiltInSurface.Name, () => builtIn.ReactAsync(_myMessage, "wow", key: null)), StringComparison.Ordinal);
    }

    private static void AssertSameReasonPerAction(List<(string Surface, string Action, string? Reason)> refusals)
    {
        foreach (var action in refusals.GroupBy(refusal => refusal.Action))
        {
            var reasons = action.Select(refusal => refusal.Reason).Distinct().ToList();
            Assert.True(reasons.Count == 1, $"{action.Key} is refused in {reasons.Count} wordings: {string.Join(" | ", action.Select(refusal => $"{refusal.Surface}: {refusal.Reason}"))}");
        }
    }

    private Task<string?> AssertRefusedAsync(IActionSurface surface, Func<Task<ActionOutcome>> act) => AssertRefusedAsync(surface.Name, act);

    private async Task<string?> AssertRefusedAsync(string surface, Func<Task<ActionOutcome>> act)
    {
        var outcome = await AssertWritesAsync(0, surface, act);
        Assert.False(outcome.Accepted, $"{surface} accepted what it should refuse.");
        Assert.False(string.IsNullOrWhiteSpace(outcome.Reason), $"{surface} refused without a reason.");
        return outcome.Reason;
    }

    private Task<ActionOutcome> AssertWritesAsync(int rows, IActionSurface surface, Func<Task<ActionOutcome>> act) => AssertWritesAsync(rows, surface.Name, act);

    private async Task<ActionOutcome> AssertWritesAsync(int rows, string surface, Func<Task<ActionOutcome>> act)
    {
        var before = await OutboxRowsAsync();
        var outcome = await act();
        Assert.True(rows == 0 || outcome.Accepted, $"{surface} refused: {outcome.Reason}");
        Assert.Equal(before + rows, await OutboxRowsAsync());
        return outcome;
    }

    private async Task<List<IActionSurface>> SurfacesAsync(string phone, string token) =>
    [
        // Ready, so it hears its events and reports (a send over the WebSocket is answered by its report).
        new WebSocketSurface((await ScriptedAgentClient.ConnectReadyAsync(_host.BaseAddress, phone, token)).Client),
        new RestSurface(_host, token),
        new McpSurface(await McpFixture.ConnectAsync(_host, token)),
    ];

    private async Task<long> OutboxRowsAsync()
    {
        await using var connection = await _host.Services.GetRequiredService<Database>().OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM outbox");
    }

    private async Task<string> ConversationOfAsync(string messageId)
    {
        await using var connection = await _host.Services.GetRequiredService<Database>().OpenAsync();
        return await connection.ExecuteScalarAsync<string>("SELECT conversation_id FROM messages WHERE id = @messageId", new { messageId }) ?? throw new InvalidOperationException("No such message.");
    }

    private async Task ExecuteAsync(string sql, object parameters)
    {
        await using var connection = await _host.Services.GetRequiredService<Database>().OpenAsync();
        await connection.ExecuteAsync(sql, parameters);
    }
}
