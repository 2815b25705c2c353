using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Tapback.Tests.AgentLink;
using Tapback.Tests.AgentLink.Webhooks;
using Tapback.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Tapback.Tests.Dashboard;

/// <summary>
/// Every dashboard page at desktop and phone (390 px) width: its title shows below the sticky top bar
/// even when the page before was scrolled to its end, and nothing scrolls the page sideways (the
/// delivery log included: on a phone its rows become cards). The skip link stays on the page.
/// </summary>
[Collection(Chromium.Collection)]
[Trait("Category", "Browser")]
public sealed class DashboardLayoutTests(Chromium chromium)
{
    private static readonly string[] MessageReceived = ["message.received"];

    [Theory]
    [InlineData(1100, 920, "Desktop")]
    [InlineData(390, 844, "Phone")]
    public async Task EveryPage_AfterAScrolledPage_TitleBelowTheTopBarAndNoSidewaysScroll(int width, int height, string size)
    {
        const string phone = "+15550107700";
        var settings = WebhookTestKit.Settings();
        settings["Tapback:Admin:Token"] = DashboardClient.AdminToken;
        await using var host = await TapbackTestHost.StartAsync(settings);
        await using var receiver = await WebhookReceiver.StartAsync();
        await GatewayScript.PairAsync(host, phone);
        string integrationId, conversationId, webhookId;
        using (var admin = await DashboardClient.SignedInAsync(host))
        {
            integrationId = (string)JsonNode.Parse(await admin.Http.GetStringAsync("/api/dashboard/integrations"))![0]!["id"]!;
            // A long URL and a long unbroken word are what pushes a narrow page sideways.
            var url = new Uri(receiver.Url, "?integration=front-desk-support-team-with-a-very-long-name&region=europe-west-and-north");
            using var created = await admin.Http.PostAsJsonAsync($"/api/admin/integrations/{integrationId}/webhooks", new { url, events = MessageReceived });
            created.EnsureSuccessStatusCode();
            webhookId = (string)JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!;
            using var key = await admin.Http.PostAsJsonAsync($"/api/admin/integrations/{integrationId}/api-keys", new { name = "Layout check" });
            key.EnsureSuccessStatusCode();
            await host.SendAsync(phone, "https://example.com/a/very/long/link/without/any/spaces/that/keeps/going/and/going/on/and/on");
            await host.AdvanceUntilAsync(() => Task.FromResult(receiver.Received.Count > 0), TimeSpan.FromSeconds(1));
            conversationId = (string)JsonNode.Parse(await admin.Http.GetStringAsync("/api/dashboard/conversations"))![0]!["id"]!;
        }

        var page = await chromium.NewPageAsync(host.BaseAddress);
        var errors = DashboardPage.CollectErrors(page);
        try
        {
            await page.SetViewportSizeAsync(width, height);
            await DashboardPage.SignInAsync(page);
            (string Name, string Hash, string Title, string Ready)[] pages =
            [
                ("Integrations", "#/integrations", "Integrations", "#integration-list .item"),
                ("Integration", $"#/integrations/{integrationId}", phone, "#conversation-list .conversation-item"),
                ("Conversations", "#/conversations", "Conversations", ".conversation-item"),
                ("Conversation", $"#/conversations/{conversationId}", phone, "#history .row"),
                ("Webhooks", "#/webhooks", "Webhooks", "#webhook-list .item"),
                ("Deliveries", $"#/webhooks/{webhookId}", "Delivery log", "table.deliveries tbody tr[data-delivery-id]"),
                ("ApiKeys", "#/api-keys", "API keys", "#api-key-list .item"),
                ("Held", "#/held", "Held messages", "#held-list .empty"),
                ("System", "#/system", "System", "#transport-list .item"),
            ];
            foreach (var (name, hash, title, ready) in pages)
            {
                // Leave the page before scrolled to its end, as a person who read it to the bottom does.
                await page.EvaluateAsync("() => window.scrollTo(0, document.scrollingElement.scrollHeight)");
                await page.EvaluateAsync("hash => { location.hash = hash; }", hash);
                await Expect(page.Locator("main h1")).ToHaveTextAsync(title);
                await Expect(page.Locator(ready).First).ToBeVisibleAsync();
                var box = await page.EvaluateAsync<PageBox>(
                    """
                    () => {
                      const title = document.querySelector("main h1").getBoundingClientRect();
                      const bar = document.querySelector(".topbar").getBoundingClientRect();
                      return { titleTop: title.top, titleBottom: title.bottom, barBottom: bar.bottom,
                               scrollWidth: document.scrollingElement.scrollWidth, innerWidth: window.innerWidth, innerHeight: window.innerHeight };
                    }
                    """);
                Assert.True(box.TitleTop >= box.BarBottom - 0.5, $"{hash} at {width}px: the title's top ({box.TitleTop}) is under the top bar (bottom {box.BarBottom}).");
                Assert.True(box.TitleBottom <= box.InnerHeight, $"{hash} at {width}px: the title is below the window.");
                Assert.True(box.ScrollWidth <= box.InnerWidth, $"{hash} at {width}px: the page is {box.ScrollWidth}px wide in a {box.InnerWidth}px window.");
                await DashboardPage.ScreenshotAsync(page, $"Layout-{size}-{name}");
            }

            // The skip link moves focus to the content and stays on the page (it is not a route).
            await page.EvaluateAsync("() => document.activeElement?.blur()");
            await page.Keyboard.PressAsync("Tab");
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Skip to content" })).ToBeFocusedAsync();
            await page.Keyboard.PressAsync("Enter");
            await Expect(page.Locator("main")).ToBeFocusedAsync();
            await Expect(page.Locator("main h1")).ToHaveTextAsync("System");
            Assert.EndsWith("#/system", page.Url, StringComparison.Ordinal);
        }
        finally
        {
            await page.Context.CloseAsync();
        }

        Assert.Empty(errors);
    }

    /// <summary>Where the title and the top bar are, and how wide the page is, as the browser measured them.</summary>
    private sealed class PageBox
    {
        public double TitleTop { get; set; }
        public double TitleBottom { get; set; }
        public double BarBottom { get; set; }
        public double ScrollWidth { get; set; }
        public double InnerWidth { get; set; }
        public double InnerHeight { get; set; }
    }
}
