using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Tapback.Tests.AgentLink;
using Tapback.Tests.AgentLink.Webhooks;
using Tapback.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Tapback.Tests.Dashboard;

/// <summary>
/// Who answers each paired phone, as the dashboard shows it at desktop and phone width: waiting for
/// its agent (with what to do), reached by webhooks (last delivery, failing), the built-in agent; and
/// the operator pointing a waiting integration at the built-in agent.
/// </summary>
[Collection(Chromium.Collection)]
[Trait("Category", "Browser")]
public sealed class IntegrationStatePageTests(Chromium chromium)
{
    private const string Waiting = "+15550107500";
    private const string Hooked = "+15550107501";
    private static readonly string[] MessageReceived = ["message.received"];

    [Fact]
    public async Task Integrations_ShowWhoAnswersEachPhone_AndTheOperatorPointsAWaitingOneAtTheBuiltInAgent()
    {
        var settings = WebhookTestKit.Settings();
        settings["Tapback:Admin:Token"] = DashboardClient.AdminToken;
        await using var host = await TapbackTestHost.StartAsync(settings);
        await using var receiver = await WebhookReceiver.StartAsync();
        await GatewayScript.PairAsync(host, Waiting);
        await SubscribeAsync(host, receiver, await GatewayScript.PairAsync(host, Hooked));
        await host.SendAsync(Hooked, "delivered");
        using (var admin = await DashboardClient.SignedInAsync(host))
        {
            // Small steps: the delivery's 5 s timeout runs on the fake clock too.
            await host.AdvanceUntilAsync(async () => (await HookedViewAsync(admin))["webhooks"]?["lastDeliveredAt"] is not null);
            receiver.Otherwise = ReceiverAnswer.ServerError;
            await host.SendAsync(Hooked, "this one fails");
            await host.AdvanceUntilAsync(
                async () => (await HookedViewAsync(admin))["webhooks"]?["failing"]?.GetValue<bool>() == true,
                TimeSpan.FromSeconds(1));
        }

        await host.SendAsync(Waiting, "is anyone there?");
        var page = await chromium.NewPageAsync(host.BaseAddress);
        var errors = DashboardPage.CollectErrors(page);
        try
        {
            await DashboardPage.SignInAsync(page);
            var waiting = page.Locator($"#integration-list .item:has-text('{Waiting}')");
            await Expect(waiting.Locator(".badge")).ToHaveTextAsync("waiting for its agent");
            await Expect(waiting.Locator(".state-line")).ToContainTextAsync("No agent has connected with this integration's token yet");
            await Expect(waiting.Locator(".state-line")).ToContainTextAsync("let the built-in agent answer");
            var hooked = page.Locator($"#integration-list .item:has-text('{Hooked}')");
            await Expect(hooked.Locator(".badge")).ToHaveTextAsync("webhooks");
            await Expect(hooked.Locator(".state-line")).ToContainTextAsync("Reached by 1 webhook · last delivery");
            await Expect(hooked.Locator(".state-line .failing")).ToContainTextAsync("failing since");
            await DashboardPage.ScreenshotAsync(page, "Integrations-States");
            await page.SetViewportSizeAsync(390, 844);
            await Expect(hooked.Locator(".state-line")).ToBeVisibleAsync();
            Assert.True(await FitsAsync(page), "The integration list is wider than a 390-pixel phone.");
            await DashboardPage.ScreenshotAsync(page, "Integrations-States-Phone");
            await page.SetViewportSizeAsync(1280, 800);

            await waiting.ClickAsync();
            await page.GetByLabel("The built-in agent, with the settings below").CheckAsync();
            await page.Locator("#agent-form").GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
            await Expect(page.Locator("#integration-status .badge")).ToHaveTextAsync("built-in agent");
            await Expect(page.Locator("#integration-state")).ToContainTextAsync("The built-in agent answers this phone");
            var events = await host.WaitForRepliesAsync(Waiting, count: 2);
            Assert.Contains(events, e => e.Type == "message.received" && e.Text?.Contains("setup code", StringComparison.Ordinal) == false);
            await DashboardPage.ScreenshotAsync(page, "Integration-BuiltIn");

            await page.SetViewportSizeAsync(390, 844);
            await Expect(page.GetByLabel("Its own agent, over its WebSocket or webhooks")).ToBeVisibleAsync();
            Assert.True(await FitsAsync(page), "The integration page is wider than a 390-pixel phone.");
            await DashboardPage.ScreenshotAsync(page, "Integration-BuiltIn-Phone");
        }
        finally
        {
            await page.Context.CloseAsync();
        }

        Assert.Empty(errors);
    }

    private static async Task SubscribeAsync(TapbackTestHost host, WebhookReceiver receiver, string token)
    {
        using var agent = new HttpClient { BaseAddress = host.BaseAddress };
        agent.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var created = await agent.PostAsJsonAsync("/v2/webhooks", new { url = receiver.Url, events = MessageReceived });
        created.EnsureSuccessStatusCode();
        receiver.Secret = (string)JsonNode.Parse(await created.Content.ReadAsStringAsync())!["secret"]!;
    }

    private static async Task<JsonNode> HookedViewAsync(DashboardClient admin) =>
        JsonNode.Parse(await admin.Http.GetStringAsync("/api/dashboard/integrations"))!.AsArray().Single(item => (string?)item!["phone"] == Hooked)!;

    private static Task<bool> FitsAsync(IPage page) =>
        page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth");
}
