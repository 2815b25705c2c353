using Microsoft.Playwright;
using Tapback.Tests.Gateway.Watchdog;
using Tapback.Tests.Infrastructure;
using Tapback.Tests.Transports.BlueBubbles;
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

    [Fact]
    public async Task SystemPage_BridgeDegraded_ShowsWhyAndSinceThenLiveAgain()
    {
        await using var fake = new FakeBlueBubblesServer { HelperConnected = false };
        await fake.StartAsync();
        var settings = DashboardClient.Settings();
        settings["Tapback:Watchdog:CheckInterval"] = "00:00:10";
        settings["Tapback:Watchdog:DegradedAfter"] = "00:00:30";
        settings["Tapback:Watchdog:RecoveredAfter"] = "00:00:30";
        await using var host = await BlueBubblesHost.StartAsync(fake, settings);
        await host.AdvanceUntilAsync(async () => (await WatchdogHealth.EntryAsync(host, BlueBubblesHost.Name)).Status == "Degraded", step: TimeSpan.FromSeconds(1));
        var page = await chromium.NewPageAsync(host.BaseAddress);
        var errors = DashboardPage.CollectErrors(page);
        try
        {
            await DashboardPage.SignInAsync(page);
            await DashboardPage.NavigateAsync(page, "System");

            var bridge = page.Locator("#transport-list .item", new() { HasText = BlueBubblesHost.Name });
            await Expect(bridge.Locator("[data-transport-state]")).ToHaveTextAsync("degraded");
            await Expect(bridge.Locator(".transport-health")).ToContainTextAsync("Private API helper is not connected");
            await Expect(bridge.Locator(".transport-health")).ToContainTextAsync("Degraded since");
            await Expect(page.Locator("#health-list li", new() { HasText = "transport:bb" }).Locator(".badge")).ToHaveTextAsync("Degraded");
            await DashboardPage.ScreenshotAsync(page, "System-BridgeDegraded");

            fake.HelperConnected = true;
            await host.AdvanceUntilAsync(async () => (await WatchdogHealth.EntryAsync(host, BlueBubblesHost.Name)).Status == "Healthy", step: TimeSpan.FromSeconds(1));
            await page.ReloadAsync();
            await Expect(page.Locator("main[data-ready=true]")).ToBeVisibleAsync();
            await Expect(bridge.Locator("[data-transport-state]")).ToHaveTextAsync("live");
            await Expect(bridge.Locator(".transport-health")).ToHaveTextAsync("Watched by the watchdog: working.");
            Assert.Empty(errors);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
