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
/// The dashboard's read-only pages in Chromium: a built-in agent's session as bubbles (desktop and
/// phone size), webhooks with their delivery log and replay, and the System page.
/// </summary>
[Collection(Chromium.Collection)]
[Trait("Category", "Browser")]
public sealed class DashboardViewTests(Chromium chromium)
{
    private static readonly string[] MessageReceived = ["message.received"];

    [Fact]
    public async Task SessionView_BuiltInAgentAnswered_ShowsBothSidesAndTheTapback()
    {
        const string phone = "+15550107300";
        await using var host = await TapbackTestHost.StartAsync(DashboardClient.Settings());
        await host.SendAsync(phone, "Hi there, what can you do?");
        var events = await host.WaitForRepliesAsync(phone);
        var answer = events.First(e => e.Type == "message.received");
        await host.ReactAsync(phone, answer.MessageId!, "love");
        var page = await chromium.NewPageAsync(host.BaseAddress);
        var errors = DashboardPage.CollectErrors(page);
        try
        {
            await DashboardPage.SignInAsync(page);
            await DashboardPage.NavigateAsync(page, "Conversations");
            var item = page.Locator(".conversation-item").First;
            await Expect(item).ToContainTextAsync(phone);
            await DashboardPage.ScreenshotAsync(page, "Conversations");

            await item.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Current session") }).ClickAsync();
            var history = page.GetByRole(AriaRole.Log, new() { Name = "History" });
            await Expect(history.Locator(".row.in .bubble")).ToContainTextAsync("Hi there, what can you do?");
            await Expect(history.Locator(".row.out .bubble").First).ToContainTextAsync(answer.Text!);
            await Expect(history.Locator($".row[data-message-id='{answer.MessageId}'] .tapbacks li[data-reaction=love]")).ToBeVisibleAsync();
            await Expect(history.Locator("[data-kind=session]")).ToHaveCountAsync(1);
            await Expect(page.Locator(".session-nav a[aria-current=page]")).ToContainTextAsync("Current session");
            await DashboardPage.ScreenshotAsync(page, "Session");

            await page.SetViewportSizeAsync(390, 844);
            await Expect(history.Locator(".row.out .bubble").First).ToBeVisibleAsync();
            await DashboardPage.ScreenshotAsync(page, "Session-Phone");
            await DashboardPage.NavigateAsync(page, "Integrations");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Integrations", Level = 1 })).ToBeVisibleAsync();
            await DashboardPage.ScreenshotAsync(page, "Integrations-Phone");
        }
        finally
        {
            await page.Context.CloseAsync();
        }

        Assert.Empty(errors);
    }

    [Fact]
    public async Task Webhooks_DeadDeliveryReplayedFromTheLog_IsDeliveredAndSystemListedTheError()
    {
        const string phone = "+15550107400";
        var settings = WebhookTestKit.Settings(maxAttempts: 1);
        settings["Tapback:Admin:Token"] = DashboardClient.AdminToken;
        await using var host = await TapbackTestHost.StartAsync(settings);
        await using var receiver = await WebhookReceiver.StartAsync();
        var token = await GatewayScript.PairAsync(host, phone);
        using (var agent = new HttpClient { BaseAddress = host.BaseAddress })
        {
            agent.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var created = await agent.PostAsJsonAsync("/v2/webhooks", new { url = receiver.Url, events = MessageReceived });
            created.EnsureSuccessStatusCode();
            receiver.Secret = (string)JsonNode.Parse(await created.Content.ReadAsStringAsync())!["secret"]!;
        }

        receiver.Otherwise = ReceiverAnswer.ServerError;
        await host.SendAsync(phone, "Is anyone listening?");
        using (var admin = await DashboardClient.SignedInAsync(host))
        {
            await host.AdvanceUntilAsync(
                async () => JsonNode.Parse(await admin.Http.GetStringAsync("/api/dashboard/webhooks"))![0]!["dead"]!.GetValue<long>() == 1,
                TimeSpan.FromSeconds(1));
        }

        var page = await chromium.NewPageAsync(host.BaseAddress);
        var errors = DashboardPage.CollectErrors(page);
        try
        {
            await DashboardPage.SignInAsync(page);
            var integration = page.Locator("#integration-list .item").First;
            await Expect(integration.Locator(".badge")).ToHaveTextAsync("error");
            await Expect(integration).ToContainTextAsync("webhook deliveries failed for good");
            await DashboardPage.ScreenshotAsync(page, "Integrations-Error");

            await DashboardPage.NavigateAsync(page, "System");
            await Expect(page.Locator("#system-facts")).ToContainTextAsync("offline");
            await Expect(page.Locator("#transport-list")).ToContainTextAsync("simulator");
            await Expect(page.Locator("#health-list")).ToContainTextAsync("store");
            await Expect(page.Locator("#error-list")).ToContainTextAsync("message.received");
            await DashboardPage.ScreenshotAsync(page, "System");

            await DashboardPage.NavigateAsync(page, "Webhooks");
            var webhook = page.Locator("#webhook-list .item").First;
            await Expect(webhook).ToContainTextAsync(receiver.Url.ToString());
            await Expect(webhook).ToContainTextAsync("1 failed");
            await DashboardPage.ScreenshotAsync(page, "Webhooks");

            await webhook.GetByRole(AriaRole.Link).ClickAsync();
            var row = page.Locator("table.deliveries tbody tr").First;
            await Expect(row.Locator(".badge")).ToHaveTextAsync("dead");
            await Expect(row).ToContainTextAsync("HTTP 500");
            await DashboardPage.ScreenshotAsync(page, "Webhook-Deliveries");

            receiver.Otherwise = ReceiverAnswer.Ok;
            await row.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Replay") }).ClickAsync();
            await host.AdvanceUntilAsync(async () => receiver.Accepted.Count == 1 && await row.Locator(".badge").InnerTextAsync() == "delivered", TimeSpan.FromSeconds(1));
            Assert.True(receiver.Accepted[0].Verified);
            await DashboardPage.ScreenshotAsync(page, "Webhook-Replayed");
        }
        finally
        {
            await page.Context.CloseAsync();
        }

        Assert.Empty(errors);
    }
}
