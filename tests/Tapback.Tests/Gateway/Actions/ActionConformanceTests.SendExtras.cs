using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Tapback.Messaging;
using Tapback.Storage;
using Tapback.Tests.AgentLink;
using Tapback.Tests.AgentLink.Mcp;
using Tapback.Tests.AgentLink.Rest;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Gateway.Actions;

/// <summary>
/// Inline replies, effects and handle lookups through every surface that carries them, on a transport
/// that can do all three ("rich") and on one that can do none ("plain").
/// </summary>
public sealed partial class ActionConformanceTests
{
    private const string OnRich = "+15551270304";

    private readonly RecordingTransport _rich = new("rich")
    {
        Capabilities = new() { Typing = true, ReadReceipts = true, TapbacksSent = true, Replies = true, Effects = true, HandleLookup = true, Groups = true },
    };

    [Fact]
    public async Task Send_WithAReplyAndAnEffect_CarriesBothToTheTransportOnEverySurface()
    {
        await using var rich = await RichAsync();
        foreach (var surface in rich.Surfaces)
        {
            await AssertWritesAsync(1, surface, () => surface.SendAsync(OnRich, $"in thread over {surface.Name}", key: null, rich.Message, "confetti"));
            var messageId = await LastOutboxMessageAsync();
            Assert.Equal((rich.Message, "confetti"), await ReplyAndEffectAsync(messageId));

            await _host.AdvanceUntilAsync(() => Task.FromResult(_rich.Actions.OfType<SendMessageAction>().Any(sent => sent.MessageId == messageId)));
            var sent = _rich.Actions.OfType<SendMessageAction>().Single(action => action.MessageId == messageId);
            Assert.Equal(rich.Message, sent.ReplyTo);
            Assert.Equal(MessageEffect.Confetti, sent.Effect);
        }
    }

    [Fact]
    public async Task Send_SplitWithAReplyAndAnEffect_RepliesWithEveryBubbleAndPlaysTheEffectOnTheFirst()
    {
        await using var rich = await RichAsync();
        using var client = RestFixture.ClientFor(_host, rich.Token);
        var (response, body) = await RestFixture.PostAsync(
            client, "/v2/messages", new { to = OnRich, body = "First thought.\n\nSecond thought.", split = true, reply_to = rich.Message, effect = "slam" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var bubbles = body!["message_ids"]!.AsArray().Select(id => (string)id!).ToList();
        Assert.True(bubbles.Count > 1, $"expected several bubbles, got {bubbles.Count}");
        Assert.Equal((rich.Message, "slam"), await ReplyAndEffectAsync(bubbles[0]));
        foreach (var later in bubbles.Skip(1))
        {
            Assert.Equal((rich.Message, (string?)null), await ReplyAndEffectAsync(later));
        }
    }

    [Fact]
    public async Task Send_WithAReplyOrAnEffect_TheTransportCannotCarry_IsRefusedAlikeWithItsNameAndWritesNothing()
    {
        var refusals = new List<(string Surface, string Action, string? Reason)>();
        foreach (var surface in _plainSurfaces.OfType<ISendExtrasSurface>())
        {
            refusals.Add((surface.Name, "reply", await AssertRefusedAsync(surface, () => surface.SendAsync(OnPlain, "in thread", key: null, _plainMessage, effect: null))));
            refusals.Add((surface.Name, "effect", await AssertRefusedAsync(surface, () => surface.SendAsync(OnPlain, "loudly", key: null, replyTo: null, "loud"))));
        }

        Assert.Equal(6, refusals.Count);
        AssertSameReasonPerAction(refusals);
        Assert.All(refusals, refusal => Assert.Contains("(plain)", refusal.Reason, StringComparison.Ordinal));
        Assert.Contains("inline replies are not supported", refusals.First(refusal => refusal.Action == "reply").Reason, StringComparison.Ordinal);
        Assert.Contains("message effects are not supported", refusals.First(refusal => refusal.Action == "effect").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_ReplyingToAMessageOfAnotherChatNoneOrUnsent_IsRefusedAlikeAndWritesNothing()
    {
        await using var rich = await RichAsync();
        var refusals = new List<(string Surface, string Action, string? Reason)>();
        foreach (var surface in rich.Surfaces)
        {
            refusals.Add((surface.Name, "other chat", await AssertRefusedAsync(surface, () => surface.SendAsync(OnRich, "hi", key: null, rich.GroupMessage, effect: null))));
            refusals.Add((surface.Name, "not theirs", await AssertRefusedAsync(surface, () => surface.SendAsync(OnRich, "hi", key: null, _theirMessage, effect: null))));
            refusals.Add((surface.Name, "none", await AssertRefusedAsync(surface, () => surface.SendAsync(OnRich, "hi", key: null, "msg_nope", effect: null))));
        }

        AssertSameReasonPerAction(refusals);
        Assert.Contains("is in another chat", refusals.First(refusal => refusal.Action == "other chat").Reason, StringComparison.Ordinal);
        Assert.StartsWith($"No message '{_theirMessage}'", refusals.First(refusal => refusal.Action == "not theirs").Reason, StringComparison.Ordinal);

        // Answering the group's message inside the group is fine.
        foreach (var surface in rich.Surfaces)
        {
            await AssertWritesAsync(1, surface, () => surface.SendAsync(rich.GroupConversation, "in the group's thread", key: null, rich.GroupMessage, effect: null));
        }

        // A message the person unsent has no thread left to answer in.
        await ExecuteAsync("UPDATE messages SET body = '', unsent_at = 1 WHERE id = @Message", new { rich.Message });
        var unsent = new List<(string Surface, string Action, string? Reason)>();
        foreach (var surface in rich.Surfaces)
        {
            unsent.Add((surface.Name, "unsent", await AssertRefusedAsync(surface, () => surface.SendAsync(OnRich, "hi", key: null, rich.Message, effect: null))));
        }

        AssertSameReasonPerAction(unsent);
        Assert.Contains("was unsent", unsent[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_WithAnEffectThatDoesNotExist_IsRefusedAlikeNamingTheEffects()
    {
        await using var rich = await RichAsync();
        var refusals = new List<(string Surface, string Action, string? Reason)>();
        foreach (var surface in rich.Surfaces)
        {
            refusals.Add((surface.Name, "effect", await AssertRefusedAsync(surface, () => surface.SendAsync(OnRich, "hi", key: null, replyTo: null, "sparkles"))));
        }

        AssertSameReasonPerAction(refusals);
        Assert.Contains(MessageEffects.AllowedValues, refusals[0].Reason, StringComparison.Ordinal);

        using var client = RestFixture.ClientFor(_host, rich.Token);
        var (response, _) = await RestFixture.PostAsync(client, "/v2/messages", new { to = OnRich, body = "hi", effect = "sparkles" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Send_TheSameKeyWithAnotherReplyOrEffect_IsAConflict()
    {
        await using var rich = await RichAsync();
        foreach (var surface in rich.Surfaces)
        {
            var key = $"extras-{surface.Name}";
            await AssertWritesAsync(1, surface, () => surface.SendAsync(OnRich, "once", key, rich.Message, "confetti"));
            var again = await AssertWritesAsync(0, surface, () => surface.SendAsync(OnRich, "once", key, rich.Message, "confetti"));
            Assert.True(again.Accepted, $"{surface.Name}: the repeat was refused: {again.Reason}");

            Assert.Contains("already used", await AssertRefusedAsync(surface, () => surface.SendAsync(OnRich, "once", key, rich.Message, "balloons")), StringComparison.Ordinal);
            Assert.Contains("already used", await AssertRefusedAsync(surface, () => surface.SendAsync(OnRich, "once", key, rich.Message, effect: null)), StringComparison.Ordinal);
            Assert.Contains("already used", await AssertRefusedAsync(surface, () => surface.SendAsync(OnRich, "once", key, replyTo: null, "confetti")), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task LookupHandle_ThePairedPhone_AnswersAndReusesTheAnswerWhileFresh()
    {
        await using var rich = await RichAsync();
        var asked = _host.Time.GetUtcNow();
        foreach (var surface in rich.Lookups)
        {
            var (answer, reason) = await surface.LookupAsync(OnRich);
            Assert.True(answer is not null, $"{surface.Name} refused: {reason}");
            Assert.Equal(OnRich, (string?)answer["handle"]);
            Assert.True((bool?)answer["imessage"]);
            Assert.Equal(asked, DateTimeOffset.Parse((string)answer["checked_at"]!, System.Globalization.CultureInfo.InvariantCulture));
        }

        // One ask for both surfaces: the second was answered from handle_lookups.
        Assert.Equal(1, _rich.Lookups);

        // A day later (Tapback:Actions:LookupFreshFor) the transport is asked again, and "cannot tell" is an answer too.
        _rich.Lookup = _ => null;
        _host.Time.Advance(TimeSpan.FromDays(1));
        var (later, _) = await rich.Lookups[0].LookupAsync("(555) 127-0304");
        Assert.Equal(2, _rich.Lookups);
        Assert.Equal(OnRich, (string?)later!["handle"]);
        Assert.True(later.AsObject().ContainsKey("imessage"));
        Assert.Null(later["imessage"]);
    }

    [Fact]
    public async Task LookupHandle_AnotherPhoneANonHandleOrAPlainTransport_IsRefusedAlike()
    {
        await using var rich = await RichAsync();
        var refusals = new List<(string Surface, string Action, string? Reason)>();
        foreach (var surface in rich.Lookups)
        {
            refusals.Add((surface.Name, "other phone", (await surface.LookupAsync(Theirs)).Reason));
            refusals.Add((surface.Name, "no handle", (await surface.LookupAsync("not a phone")).Reason));
        }

        foreach (var surface in _plainSurfaces.OfType<IHandleLookupSurface>())
        {
            refusals.Add((surface.Name, "plain", (await surface.LookupAsync(OnPlain)).Reason));
        }

        Assert.All(refusals, refusal => Assert.False(string.IsNullOrEmpty(refusal.Reason), $"{refusal.Surface} answered {refusal.Action}"));
        AssertSameReasonPerAction(refusals);
        Assert.Contains("(plain)", refusals.First(refusal => refusal.Action == "plain").Reason, StringComparison.Ordinal);
        Assert.Equal(0, _rich.Lookups);

        using var client = RestFixture.ClientFor(_host, rich.Token);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/v2/handles/{Uri.EscapeDataString(Theirs)}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/v2/handles/not-a-phone")).StatusCode);

        // A '+' left unescaped in the path is the phone's, not a space.
        var plain = await client.GetFromJsonAsync<JsonObject>($"/v2/handles/{OnRich}");
        Assert.Equal(OnRich, (string?)plain!["handle"]);
    }

    [Fact]
    public async Task LookupHandle_WhenTheTransportFails_AnswersTheKeptAnswerOrIsUnavailable()
    {
        await using var rich = await RichAsync();
        using var client = RestFixture.ClientFor(_host, rich.Token);
        var path = $"/v2/handles/{Uri.EscapeDataString(OnRich)}";
        _rich.Lookup = _ => throw new TransportException("provider down", retryable: true);

        using (var nothingKept = await client.GetAsync(path))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, nothingKept.StatusCode);
            Assert.Equal("application/problem+json", nothingKept.Content.Headers.ContentType?.MediaType);
        }

        _rich.Lookup = _ => false;
        var first = await client.GetFromJsonAsync<JsonObject>(path);
        Assert.False((bool?)first!["imessage"]);

        // Stale, and the transport fails again: the kept answer, with its age, beats no answer.
        _rich.Lookup = _ => throw new TransportException("provider down", retryable: true);
        _host.Time.Advance(TimeSpan.FromDays(2));
        var stale = await client.GetFromJsonAsync<JsonObject>(path);
        Assert.False((bool?)stale!["imessage"]);
        Assert.Equal((string?)first["checked_at"], (string?)stale["checked_at"]);
        Assert.Equal(3, _rich.Lookups);
    }

    /// <summary>
    /// A fourth integration whose phone has written once alone and once in a group, both chats moved to
    /// the "rich" transport, with its surfaces (disposed with it).
    /// </summary>
    private async Task<RichChats> RichAsync()
    {
        var token = await GatewayScript.PairAsync(_host, OnRich);
        var message = await _host.SendAsync(OnRich, "hello from a rich transport");
        using var grouped = await _host.Client.PostAsJsonAsync("/api/simulator/messages", new { from = OnRich, text = "hello, group", group = new { id = "rich-group", name = "Rich" } });
        grouped.EnsureSuccessStatusCode();
        var groupMessage = (string)(await grouped.Content.ReadFromJsonAsync<JsonObject>())!["messageId"]!;
        var conversation = await ConversationOfAsync(message);
        var group = await ConversationOfAsync(groupMessage);
        await ExecuteAsync("UPDATE integrations SET transport = 'rich' WHERE phone = @OnRich", new { OnRich });
        await ExecuteAsync("UPDATE conversations SET transport = 'rich' WHERE id IN (@conversation, @group)", new { conversation, group });
        return new RichChats(token, message, groupMessage, group, [.. (await SurfacesAsync(OnRich, token)).Cast<ISendExtrasSurface>()]);
    }

    private async Task<(string? ReplyTo, string? Effect)> ReplyAndEffectAsync(string messageId)
    {
        await using var connection = await _host.Services.GetRequiredService<Database>().OpenAsync();
        return await connection.QuerySingleAsync<(string?, string?)>("SELECT reply_to, effect FROM messages WHERE id = @messageId", new { messageId });
    }

    private sealed record RichChats(string Token, string Message, string GroupMessage, string GroupConversation, IReadOnlyList<ISendExtrasSurface> Surfaces) : IAsyncDisposable
    {
        public IReadOnlyList<IHandleLookupSurface> Lookups => [.. Surfaces.OfType<IHandleLookupSurface>()];

        public async ValueTask DisposeAsync()
        {
            foreach (var surface in Surfaces)
            {
                await surface.DisposeAsync();
            }
        }
    }
}
