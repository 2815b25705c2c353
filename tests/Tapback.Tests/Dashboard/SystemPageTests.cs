using Microsoft.Playwright;
using Tapback.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Tapback.Tests.Dashboard;

/// <summary>The System page states what each transport can do as the transport itself declares it.</summary>
[Collection(Chromium.Collection)]
[Trait("Category", "Browser")]
public sealed class SystemPageTests(Chromium chromium)
{
    [Theory]
    [InlineData(1100, 920)]
    [InlineData(390, 844)]
    public async Task SystemPage_Simulator_SaysItCarriesGroups(int width, int height)
    {
        await using var host = await TapbackTestHost.StartAsync(DashboardClient.Settings());
        var page = await chromium.NewPageAsync(host.BaseAddress);
        var errors = DashboardPage.CollectErrors(page);
        try
        {
            await page.SetViewportSizeAsync(width, height);
            await DashboardPage.SignInAsync(page);
            await DashboardPage.NavigateAsync(page, "System");

            var simulator = page.Locator("#transport-list .item", new() { HasText = "simulator" });
            var chips = simulator.GetByRole(AriaRole.List, new() { Name = "What simulator can do" });
            await Expect(chips.Locator("li.yes", new() { HasText = "Groups" })).ToHaveTextAsync("✓ Groups");
            await Expect(chips.Locator("li.no", new() { HasText = "Groups" })).ToHaveCountAsync(0);
            await DashboardPage.ScreenshotAsync(page, $"System-Groups-{width}");
            Assert.Empty(errors);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
