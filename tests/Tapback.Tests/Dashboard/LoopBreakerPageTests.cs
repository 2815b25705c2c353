using Microsoft.Playwright;
using Tapback.Tests.Gateway.Governor.Loops;
using Tapback.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Tapback.Tests.Dashboard;

/// <summary>
/// A conversation the loop breaker paused, on the dashboard in Chromium: marked in the list, a banner
/// with the evidence on its page, and the Resume button that ends the pause.
/// </summary>
[Collection(Chromium.Collection)]
[Trait("Category", "Browser")]
public sealed class LoopBreakerPageTests(Chromium chromium)
{
    private const string Phone = "+15550142200";

    [Theory]
    [InlineData(1100, 920, "Desktop")]
    [InlineData(390, 844, "Phone")]
    public async Task PausedConversation_BannerShowsTheEvidenceAndResumeEndsIt(int width, int height, string size)
    {
        var settings = LoopScript.Settings(fastReplyRounds: 3);
        settings["Tapback:Admin:Token"] = DashboardClient.AdminToken;
        await using var host = await TapbackTestHost.StartAsync(settings);
        await LoopBreakerTests.TripAsync(host, Phone);
        var conversationId = await LoopScript.ConversationIdAsync(host, Phone);
        var page = await chromium.NewPageAsync(host.BaseAddress);
        var errors = DashboardPage.CollectErrors(page);
        try
        {
            await page.SetViewportSizeAsync(width, height);
            await DashboardPage.SignInAsync(page);
            await DashboardPage.NavigateAsync(page, "Conversations");
            var item = page.Locator($".conversation-item[data-conversation-id='{conversationId}']");
            await Expect(item.Locator("[data-paused=true]")).ToHaveTextAsync("paused: loop suspected");

            await item.Locator("a.item-name").ClickAsync();
            var banner = page.GetByRole(AriaRole.Region, new() { Name = "Paused by the loop breaker" });
            await Expect(banner).ToBeVisibleAsync();
            await Expect(banner).ToContainTextAsync("two programs talking");
            await Expect(banner).ToContainTextAsync("last 3 messages within 2.0 s");
            await Expect(banner).ToContainTextAsync("fast replies over 3 rounds");
            await Expect(banner).ToContainTextAsync("Reply times:");
            var history = page.GetByRole(AriaRole.Log, new() { Name = "History" });
            await Expect(history.Locator("[data-kind=pause]")).ToContainTextAsync("Paused by the loop breaker");
            await DashboardPage.ScreenshotAsync(page, $"LoopBreaker-Paused-{size}");

            await banner.GetByRole(AriaRole.Button, new() { Name = "Resume" }).ClickAsync();
            await Expect(banner).ToBeHiddenAsync();
            await Expect(history.Locator("[data-kind=resume]")).ToContainTextAsync("Resumed by the operator");
            var pause = Assert.Single(await LoopScript.PausesAsync(host, conversationId));
            Assert.NotNull(pause.ResumedAt);

            // The agent answers again: the next message gets a reply the history shows.
            Assert.True(await LoopScript.RoundAsync(host, Phone, "Back to normal?", TimeSpan.FromSeconds(10)) > 0);
            await host.AdvanceUntilAsync(async () => await page.Locator(".row.in .bubble", new() { HasText = "Back to normal?" }).CountAsync() == 1, DashboardPage.Step);
            await DashboardPage.NavigateAsync(page, "Conversations");
            await Expect(page.Locator($".conversation-item[data-conversation-id='{conversationId}']")).ToBeVisibleAsync();
            await Expect(page.Locator("[data-paused=true]")).ToHaveCountAsync(0);
        }
        finally
        {
            await page.Context.CloseAsync();
        }

        Assert.Empty(errors);
    }
}
