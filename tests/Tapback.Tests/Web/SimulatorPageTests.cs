using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Tapback.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Tapback.Tests.Web;

/// <summary>
/// The phone simulator page in Debian's Chromium against a real gateway on loopback, answered by the
/// offline model. Bubble delays run on the host's fake clock, which these tests advance.
/// </summary>
[Collection(Chromium.Collection)]
[Trait("Category", "Browser")]
public sealed partial class SimulatorPageTests(Chromium chromium)
{
    // Typed the way a person would; the server normalises it to E.164.
    private const string TypedNumber = "+1 (555) 010-2000";
    private const string Handle = "+15550102000";

    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(50);

    [Fact]
    public async Task SendMessage_OfflineModel_ShowsReadTypingAndSeparateAgentBubbles()
    {
        await using var host = await TapbackTestHost.StartAsync();
        var page = await chromium.NewPageAsync(host.BaseAddress);
        var errors = CollectPageErrors(page);
        try
        {
            await OpenAsync(page, TypedNumber);
            await SendAsync(page, "Hi! What can you do?");

            await Expect(MyBubbles(page)).ToHaveCountAsync(1);
            await Expect(MyBubbles(page).First).ToContainTextAsync("Hi! What can you do?");

            // The agent reads, then types; stop the clock as soon as the dots show so they stay up.
            var typing = page.Locator("#typing");
            await host.AdvanceUntilAsync(() => typing.IsVisibleAsync(), Step);
            await Expect(typing).ToBeVisibleAsync();
            await Expect(typing).ToContainTextAsync("Tapback is typing");
            await Expect(page.Locator(".row.me .status")).ToHaveTextAsync(ReadStatus());
            await Chromium.ScreenshotAsync(page, nameof(SendMessage_OfflineModel_ShowsReadTypingAndSeparateAgentBubbles) + "-typing");

            await host.AdvanceUntilAsync(async () => await AgentBubbles(page).CountAsync() >= 2, Step);
            var replies = await AgentBubbles(page).AllInnerTextsAsync();
            Assert.True(replies.Count >= 2, $"Expected several agent bubbles, got {replies.Count}.");
            Assert.All(replies, text => Assert.False(string.IsNullOrWhiteSpace(text)));
            Assert.Equal(replies.Count, replies.Distinct(StringComparer.Ordinal).Count());

            // "Read" stays under the phone's last message after the replies, as on an iPhone.
            await Expect(page.Locator(".row.me").Last.Locator(".status")).ToHaveTextAsync(ReadStatus());
            await Chromium.ScreenshotAsync(page, nameof(SendMessage_OfflineModel_ShowsReadTypingAndSeparateAgentBubbles));
        }
        finally
        {
            await page.Context.CloseAsync();
        }

        Assert.Empty(errors);
    }

    [Fact]
    public async Task Tapback_LikeChosenOnAgentBubble_PostsReactionAndShowsBadge()
    {
        await using var host = await TapbackTestHost.StartAsync();
        var page = await chromium.NewPageAsync(host.BaseAddress);
        var errors = CollectPageErrors(page);
        try
        {
            await OpenAsync(page, TypedNumber);
            await SendAsync(page, "Tell me a joke");
            await host.AdvanceUntilAsync(async () => await AgentBubbles(page).CountAsync() >= 1, Step);

            var row = page.Locator(".row.them").First;
            var messageId = await row.GetAttributeAsync("data-message-id");
            Assert.False(string.IsNullOrEmpty(messageId));

            await row.Locator(".bubble").ClickAsync(new() { Button = MouseButton.Right });
            var picker = page.GetByRole(AriaRole.Dialog, new() { Name = "Tapback" });
            await Expect(picker).ToBeVisibleAsync();
            await Chromium.ScreenshotAsync(page, nameof(Tapback_LikeChosenOnAgentBubble_PostsReactionAndShowsBadge) + "-picker");
            await picker.GetByRole(AriaRole.Button, new() { Name = "Like", Exact = true }).ClickAsync();
            await Expect(picker).ToBeHiddenAsync();

            // The badge is drawn from the reaction event the server streams back, so it proves the round trip.
            await Expect(row.Locator(".tapback.from-me")).ToHaveAttributeAsync("data-reaction", "like");
            var events = await host.EventsAsync(Handle);
            Assert.Contains(events, e => e is { Type: "reaction", FromMe: true, Reaction: "like", Removed: not true } && e.MessageId == messageId);
            await Chromium.ScreenshotAsync(page, nameof(Tapback_LikeChosenOnAgentBubble_PostsReactionAndShowsBadge));
        }
        finally
        {
            await page.Context.CloseAsync();
        }

        Assert.Empty(errors);
    }

    [Fact]
    public async Task Tapback_SameReactionChosenAgainWithKeyboard_RemovesIt()
    {
        await using var host = await TapbackTestHost.StartAsync();
        var page = await chromium.NewPageAsync(host.BaseAddress);
        try
        {
            await OpenAsync(page, TypedNumber);
            await SendAsync(page, "Hello");
            await host.AdvanceUntilAsync(async () => await AgentBubbles(page).CountAsync() >= 1, Step);
            var row = page.Locator(".row.them").First;
            var picker = page.GetByRole(AriaRole.Dialog, new() { Name = "Tapback" });

            await row.Locator(".bubble").FocusAsync();
            await page.Keyboard.PressAsync("Enter");
            await Expect(picker).ToBeVisibleAsync();
            await picker.GetByRole(AriaRole.Button, new() { Name = "Love" }).PressAsync("Enter");
            await Expect(row.Locator(".tapback.from-me")).ToHaveAttributeAsync("data-reaction", "love");

            // Focus went back to the bubble; Enter again shows the current choice pressed, and choosing it removes it.
            await Expect(row.Locator(".bubble")).ToBeFocusedAsync();
            await page.Keyboard.PressAsync("Enter");
            var love = picker.GetByRole(AriaRole.Button, new() { Name = "Love" });
            await Expect(love).ToHaveAttributeAsync("aria-pressed", "true");
            await Expect(love).ToBeFocusedAsync();
            await page.Keyboard.PressAsync("Enter");
            await Expect(row.Locator(".tapback.from-me")).ToHaveCountAsync(0);

            var events = await host.EventsAsync(Handle);
            Assert.Contains(events, e => e is { Type: "reaction", FromMe: true, Reaction: "love", Removed: true });
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task SendMessage_InvalidNumber_ShowsErrorBanner()
    {
        await using var host = await TapbackTestHost.StartAsync();
        var page = await chromium.NewPageAsync(host.BaseAddress);
        try
        {
            await OpenAsync(page, "call me maybe");
            await SendAsync(page, "Hello?");

            var banner = page.GetByRole(AriaRole.Alert);
            await Expect(banner).ToBeVisibleAsync();
            await Expect(banner).ToContainTextAsync(new Regex("number|phone|handle|from", RegexOptions.IgnoreCase));
            await Expect(MyBubbles(page)).ToHaveCountAsync(0);
            // The text stays in the field so the person can fix the number and send again.
            await Expect(page.GetByLabel("Message")).ToHaveValueAsync("Hello?");
            await Chromium.ScreenshotAsync(page, nameof(SendMessage_InvalidNumber_ShowsErrorBanner));
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    private static async Task OpenAsync(IPage page, string number)
    {
        var response = await page.GotoAsync("/simulator");
        Assert.True(response is { Ok: true }, $"GET /simulator answered {response?.Status}: the page must be in the build output's wwwroot/simulator.");
        var from = page.GetByLabel("Texting from");
        await Expect(from).ToHaveValueAsync("+15551234567");
        await from.FillAsync(number);
        await from.PressAsync("Enter");
    }

    private static async Task SendAsync(IPage page, string text)
    {
        var field = page.GetByLabel("Message");
        await field.FillAsync(text);
        await field.PressAsync("Enter");
    }

    private static ILocator MyBubbles(IPage page) => page.Locator(".row.me .bubble");

    private static ILocator AgentBubbles(IPage page) => page.Locator(".row.them .bubble");

    private static Regex ReadStatus() => ReadStatusPattern();

    [GeneratedRegex(@"^Read\s+\d{1,2}:\d{2}")]
    private static partial Regex ReadStatusPattern();

    private static List<string> CollectPageErrors(IPage page)
    {
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        return errors;
    }
}
