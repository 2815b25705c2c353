using Microsoft.Playwright;
using Tapback.Gateway.Conversations;
using Tapback.Tests.Gateway.Governor;
using Tapback.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Tapback.Tests.Dashboard;

/// <summary>
/// The Held page in Chromium at desktop and phone width: the operator sees what the send governor
/// holds and why, releases one (it goes, past the limit) and discards another (it never goes).
/// </summary>
[Collection(Chromium.Collection)]
[Trait("Category", "Browser")]
public sealed class DashboardHeldPageTests(Chromium chromium)
{
    [Theory]
    [InlineData(1100, 920, "Desktop")]
    [InlineData(390, 844, "Phone")]
    public async Task Held_OperatorReleasesOneAndDiscardsTheNext_TheFirstGoesTheSecondNever(int width, int height, string size)
    {
        await using var kit = await GovernorKit.StartAsync(new Dictionary<string, string?> { ["Tapback:Governor:UnansweredLimit"] = "1" });
        await kit.SendAsync("first");
        var second = await kit.SendAsync("second, held");
        await kit.UntilStatusAsync(second, MessageStates.Held);
        var third = await kit.SendAsync("third, held too");

        var page = await chromium.NewPageAsync(kit.Host.BaseAddress);
        var errors = DashboardPage.CollectErrors(page);
        try
        {
            await page.SetViewportSizeAsync(width, height);
            await DashboardPage.SignInAsync(page, GovernorKit.AdminToken);
            await DashboardPage.NavigateAsync(page, "Held");
            await Expect(page.Locator("main h1")).ToHaveTextAsync("Held messages");
            var item = page.Locator($"#held-list .held-item[data-message-id='{second}']");
            await Expect(item).ToContainTextAsync("second, held");
            await Expect(item).ToContainTextAsync("Unanswered");
            await Expect(item).ToContainTextAsync("UnansweredLimit 1");
            await DashboardPage.ScreenshotAsync(page, $"Held-{size}");

            await item.GetByRole(AriaRole.Button, new() { Name = $"Release the message to {GovernorKit.Phone}" }).ClickAsync();
            await kit.Host.AdvanceUntilAsync(async () => await kit.StatusAsync(second) == MessageStates.Sent && await kit.StatusAsync(third) == MessageStates.Held, DashboardPage.Step);

            // The live feed (it polls on the clock) shows the next one held in its turn.
            var next = page.Locator($"#held-list .held-item[data-message-id='{third}']");
            await kit.Host.AdvanceUntilAsync(async () => await next.CountAsync() == 1, DashboardPage.Step);
            await Expect(next).ToContainTextAsync("third, held too");
            await next.GetByRole(AriaRole.Button, new() { Name = $"Discard the message to {GovernorKit.Phone}" }).ClickAsync();
            await page.Locator("#confirm-ok").ClickAsync();
            await Expect(page.Locator("#held-list .empty")).ToHaveTextAsync("Nothing is held.");
            Assert.Equal(MessageStates.Failed, await kit.StatusAsync(third));
            Assert.DoesNotContain("third, held too", await kit.PhoneSawAsync());
        }
        finally
        {
            await page.Context.CloseAsync();
        }

        Assert.Empty(errors);
    }
}
