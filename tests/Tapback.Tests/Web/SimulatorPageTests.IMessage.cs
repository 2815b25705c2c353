using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Tapback.Messaging;
using Tapback.Storage;
using Tapback.Tests.Infrastructure;
using Tapback.Transports.Simulator;
using static Microsoft.Playwright.Assertions;

namespace Tapback.Tests.Web;

/// <summary>
/// iMessage's features on the phone page, as Messages shows them: inline replies, edits, unsends,
/// effects, SMS-only phones and the phone's typing. The agent's side is the simulator transport
/// carrying the actions the outbox would hand it, so each test shows exactly one thing.
/// </summary>
public sealed partial class SimulatorPageTests
{
    private static readonly Dictionary<string, string?> NoAgent = new() { ["Tapback:Agent:Enabled"] = "false" };

    [Fact]
    public async Task Reply_ChosenOnAnAgentBubble_SendsAnInlineReplyWithTheQuoteAndThreadLine()
    {
        // The offline agent answers, so the reply's target is a message Tapback stored.
        await using var host = await TapbackTestHost.StartAsync();
        var page = await chromium.NewPageAsync(host.BaseAddress);
        var errors = CollectPageErrors(page);
        try
        {
            await OpenAsync(page, TypedNumber);
            await SendAsync(page, "What's for dinner?");
            await host.AdvanceUntilAsync(async () => await AgentBubbles(page).CountAsync() >= 1 && await host.IsIdleAsync(), Step);
            var answer = page.Locator(".row.them").Last;
            var answerId = await answer.GetAttributeAsync("data-message-id");
            var answerText = (await answer.Locator(".text").InnerTextAsync()).Trim();

            await answer.Locator(".bubble").ClickAsync(new() { Button = MouseButton.Right });
            await page.GetByRole(AriaRole.Dialog, new() { Name = "Tapback" }).GetByRole(AriaRole.Button, new() { Name = "Reply" }).ClickAsync();
            await Expect(page.Locator("#context")).ToContainTextAsync("Replying to");
            await SendAsync(page, "Curry!");

            var reply = page.Locator(".row.me").Last;
            await Expect(reply.Locator(".bubble")).ToContainTextAsync("Curry!");
            await Expect(reply.Locator(".quote")).ToContainTextAsync(answerText);
            await Expect(page.Locator("#context")).ToBeHiddenAsync();
            var sent = await host.Client.GetStringAsync($"/api/simulator/conversations/{Uri.EscapeDataString(Handle)}/events");
            Assert.Contains($"\"replyTo\":\"{answerId}\"", sent, StringComparison.Ordinal);
            await Chromium.ScreenshotAsync(page, nameof(Reply_ChosenOnAnAgentBubble_SendsAnInlineReplyWithTheQuoteAndThreadLine));
        }
        finally
        {
            await page.Context.CloseAsync();
        }

        Assert.Empty(errors);
    }

    [Fact]
    public async Task AgentReplyEditAndUnsend_ShowQuoteEditedWithHistoryAndUnsentLine()
    {
        await using var host = await TapbackTestHost.StartAsync(NoAgent);
        var page = await chromium.NewPageAsync(host.BaseAddress);
        var errors = CollectPageErrors(page);
        try
        {
            await OpenAsync(page, TypedNumber);
            await SendAsync(page, "Meet at 7?");
            await Expect(MyBubbles(page)).ToHaveCountAsync(1);
            var mine = await page.Locator(".row.me").First.GetAttributeAsync("data-message-id");

            await AgentSendsAsync(host, new SendMessageAction { IdempotencyKey = "a1", ChatId = Handle, MessageId = "msg_agent1", Text = "Yes, see you at 7", ReplyTo = mine });
            var row = page.Locator(".row.them").First;
            await Expect(row.Locator(".quote")).ToContainTextAsync("Meet at 7?");

            await AgentSendsAsync(host, new EditMessageAction { IdempotencyKey = "e1", ChatId = Handle, MessageId = "msg_agent1", Text = "Yes, see you at 8" });
            await Expect(row.Locator(".bubble")).ToContainTextAsync("Yes, see you at 8");
            var edited = row.GetByRole(AriaRole.Button, new() { Name = "Edited" });
            await edited.ClickAsync();
            await Expect(row.Locator(".edit-history")).ToContainTextAsync("Yes, see you at 7");
            await Chromium.ScreenshotAsync(page, nameof(AgentReplyEditAndUnsend_ShowQuoteEditedWithHistoryAndUnsentLine) + "-edited");

            await AgentSendsAsync(host, new UnsendMessageAction { IdempotencyKey = "u1", ChatId = Handle, MessageId = "msg_agent1" });
            await Expect(row).ToHaveTextAsync("Tapback unsent a message");
            await Expect(AgentBubbles(page)).ToHaveCountAsync(0);

            // A reload draws the same from the stored events, without the words.
            await page.ReloadAsync();
            await Expect(page.Locator(".row.them").First).ToHaveTextAsync("Tapback unsent a message");
            await Chromium.ScreenshotAsync(page, nameof(AgentReplyEditAndUnsend_ShowQuoteEditedWithHistoryAndUnsentLine));
        }
        finally
        {
            await page.Context.CloseAsync();
        }

        Assert.Empty(errors);
    }

    [Fact]
    public async Task EditThenUndoSend_OwnMessagesFromTheMenu_ShowEditedAndTheUnsentLine()
    {
        await using var host = await TapbackTestHost.StartAsync(NoAgent);
        var page = await chromium.NewPageAsync(host.BaseAddress);
        var errors = CollectPageErrors(page);
        try
        {
            await OpenAsync(page, TypedNumber);
            await SendAsync(page, "see you at 7");
            await Expect(MyBubbles(page)).ToHaveCountAsync(1);
            await SendAsync(page, "oops, wrong chat");
            await Expect(MyBubbles(page)).ToHaveCountAsync(2);
            var menu = page.GetByRole(AriaRole.Dialog, new() { Name = "Tapback" });

            await MyBubbles(page).First.ClickAsync(new() { Button = MouseButton.Right });
            await Expect(menu.GetByRole(AriaRole.Button, new() { Name = "Like", Exact = true })).ToBeHiddenAsync();
            await menu.GetByRole(AriaRole.Button, new() { Name = "Edit" }).ClickAsync();
            await Expect(page.GetByLabel("Message")).ToHaveValueAsync("see you at 7");
            await SendAsync(page, "see you at 8");

            var first = page.Locator(".row.me").First;
            await Expect(first.Locator(".bubble")).ToContainTextAsync("see you at 8");
            await first.GetByRole(AriaRole.Button, new() { Name = "Edited" }).ClickAsync();
            await Expect(first.Locator(".edit-history")).ToContainTextAsync("see you at 7");

            await MyBubbles(page).Last.ClickAsync(new() { Button = MouseButton.Right });
            await menu.GetByRole(AriaRole.Button, new() { Name = "Undo Send" }).ClickAsync();
            await Expect(page.Locator(".row.me").Last).ToHaveTextAsync("You unsent a message");
            await Expect(MyBubbles(page)).ToHaveCountAsync(1);
            await Chromium.ScreenshotAsync(page, nameof(EditThenUndoSend_OwnMessagesFromTheMenu_ShowEditedAndTheUnsentLine));
        }
        finally
        {
            await page.Context.CloseAsync();
        }

        Assert.Empty(errors);
    }

    [Fact]
    public async Task UndoSend_AfterTwoMinutes_ShowsTheRefusalInTheBanner()
    {
        await using var host = await TapbackTestHost.StartAsync(NoAgent);
        var page = await chromium.NewPageAsync(host.BaseAddress);
        try
        {
            await OpenAsync(page, TypedNumber);
            await SendAsync(page, "too late to take back");
            await Expect(MyBubbles(page)).ToHaveCountAsync(1);
            host.Time.Advance(TimeSpan.FromMinutes(3));

            await MyBubbles(page).First.ClickAsync(new() { Button = MouseButton.Right });
            await page.GetByRole(AriaRole.Dialog, new() { Name = "Tapback" }).GetByRole(AriaRole.Button, new() { Name = "Undo Send" }).ClickAsync();

            await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("2 minutes");
            await Expect(MyBubbles(page)).ToHaveCountAsync(1);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Effects_ChosenBeforeSending_PlayOnTheBubbleAndTheScreen()
    {
        await using var host = await TapbackTestHost.StartAsync(NoAgent);
        var page = await chromium.NewPageAsync(host.BaseAddress);
        var errors = CollectPageErrors(page);
        try
        {
            await OpenAsync(page, TypedNumber);
            await Expect(page.Locator(".conversation")).ToBeVisibleAsync();

            await ChooseEffectAsync(page, "Slam");
            await Expect(page.Locator("#effect-chip")).ToContainTextAsync("Sending with Slam");
            await SendAsync(page, "BOOM");
            var slam = page.Locator(".row.me").Last;
            await Expect(slam).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bfx-slam\b.*\bfx-play\b|\bfx-play\b.*\bfx-slam\b"));
            await Expect(page.Locator("#effect-chip")).ToBeHiddenAsync();

            await ChooseEffectAsync(page, "Invisible Ink");
            await SendAsync(page, "a secret");
            var ink = page.Locator(".row.me").Last;
            await Expect(ink).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bfx-invisible-ink\b"));
            await Expect(ink.Locator(".text")).ToHaveCSSAsync("color", "rgba(0, 0, 0, 0)");
            await ink.Locator(".bubble").ClickAsync();
            await Expect(ink).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\brevealed\b"));

            await ChooseEffectAsync(page, "Confetti");
            await SendAsync(page, "We did it");
            await Expect(page.Locator(".screen-effect.effect-confetti .confetti").First).ToBeAttachedAsync();
            await Chromium.ScreenshotAsync(page, nameof(Effects_ChosenBeforeSending_PlayOnTheBubbleAndTheScreen) + "-confetti");

            // The agent's screen effect plays as it arrives, and again on Replay.
            foreach (var (effect, name) in new[] { (MessageEffect.Fireworks, "fireworks"), (MessageEffect.Lasers, "lasers"), (MessageEffect.Love, "love"), (MessageEffect.Balloons, "balloons"), (MessageEffect.Celebration, "celebration"), (MessageEffect.Echo, "echo"), (MessageEffect.Spotlight, "spotlight") })
            {
                await AgentSendsAsync(host, new SendMessageAction { IdempotencyKey = name, ChatId = Handle, MessageId = $"msg_{name}", Text = $"with {name}", Effect = effect });
                await Expect(page.Locator($".screen-effect.effect-{name}")).ToBeAttachedAsync();
            }

            var replay = page.Locator(".row.them").Last.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("Replay") });
            await Expect(replay).ToContainTextAsync("Sent with Spotlight");
            await page.Locator(".screen-effect").EvaluateAllAsync<int>("layers => { layers.forEach(layer => layer.remove()); return layers.length; }");
            await replay.ClickAsync();
            await Expect(page.Locator(".screen-effect.effect-spotlight")).ToBeAttachedAsync();

            var events = await host.Client.GetStringAsync($"/api/simulator/conversations/{Uri.EscapeDataString(Handle)}/events");
            Assert.Contains("\"effect\":\"slam\"", events, StringComparison.Ordinal);
            Assert.Contains("\"effect\":\"invisible_ink\"", events, StringComparison.Ordinal);
            Assert.Contains("\"effect\":\"confetti\"", events, StringComparison.Ordinal);
        }
        finally
        {
            await page.Context.CloseAsync();
        }

        Assert.Empty(errors);
    }

    [Fact]
    public async Task SmsOnly_Ticked_SendsGreenTextMessagesWithoutEffects()
    {
        await using var host = await TapbackTestHost.StartAsync(NoAgent);
        var page = await chromium.NewPageAsync(host.BaseAddress);
        var errors = CollectPageErrors(page);
        try
        {
            await OpenAsync(page, TypedNumber);
            await SendAsync(page, "still blue");
            await Expect(MyBubbles(page)).ToHaveCountAsync(1);

            await page.GetByLabel("SMS only").CheckAsync();
            await Expect(page.GetByLabel("Message")).ToHaveAttributeAsync("placeholder", "Text Message");
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Send with effect" })).ToBeHiddenAsync();
            await SendAsync(page, "now green");

            var green = page.Locator(".row.me").Last;
            await Expect(green).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bsms\b"));
            await Expect(green.Locator(".bubble")).ToHaveCSSAsync("background-color", "rgb(36, 138, 61)");
            await Expect(page.Locator(".row.me").First.Locator(".bubble")).ToHaveCSSAsync("background-color", "rgb(10, 108, 220)");
            Assert.False(await host.Services.GetRequiredService<SimulatorRegistry>().Default.Transport.IsOnIMessageAsync(Handle));

            // Remembered by the server: a reload shows the phone SMS-only still.
            await page.ReloadAsync();
            await Expect(page.GetByLabel("SMS only")).ToBeCheckedAsync();
            await Chromium.ScreenshotAsync(page, nameof(SmsOnly_Ticked_SendsGreenTextMessagesWithoutEffects));
        }
        finally
        {
            await page.Context.CloseAsync();
        }

        Assert.Empty(errors);
    }

    [Fact]
    public async Task Typing_WordsInTheField_ShowTheAgentThePhoneIsTyping()
    {
        await using var host = await TapbackTestHost.StartAsync(NoAgent);
        var page = await chromium.NewPageAsync(host.BaseAddress);
        var errors = CollectPageErrors(page);
        try
        {
            await OpenAsync(page, TypedNumber);
            await SendAsync(page, "hi");
            await Expect(MyBubbles(page)).ToHaveCountAsync(1);

            await page.GetByLabel("Message").FillAsync("I was thinking");
            await Waits.UntilAsync(async () => await PeerTypingSinceAsync(host) is not null);
            await page.GetByLabel("Message").FillAsync(string.Empty);
            await Waits.UntilAsync(async () => await PeerTypingSinceAsync(host) is null);
        }
        finally
        {
            await page.Context.CloseAsync();
        }

        Assert.Empty(errors);
    }

    private static async Task AgentSendsAsync(TapbackTestHost host, OutboundAction action) =>
        await host.Services.GetRequiredService<SimulatorRegistry>().Default.Transport.ExecuteAsync(action);

    private static async Task ChooseEffectAsync(IPage page, string effect)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Send with effect" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog, new() { Name = "Send with effect" }).GetByRole(AriaRole.Button, new() { Name = effect, Exact = true }).ClickAsync();
    }

    private static async Task<long?> PeerTypingSinceAsync(TapbackTestHost host)
    {
        await using var connection = await host.Services.GetRequiredService<Database>().OpenAsync();
        return await connection.ExecuteScalarAsync<long?>("SELECT peer_typing_since FROM conversations WHERE chat_id = @Handle", new { Handle });
    }
}
