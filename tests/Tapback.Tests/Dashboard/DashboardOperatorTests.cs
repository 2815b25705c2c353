using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Tapback.Storage;
using Tapback.Tests.AgentLink;
using Tapback.Tests.AgentLink.Webhooks;
using Tapback.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Tapback.Tests.Dashboard;

/// <summary>
/// What an operator does on the dashboard, in Chromium at desktop and phone width: replies in a
/// conversation (through the gateway's one send path, to the phone), adds a webhook (its secret shown
/// once, its deliveries naming their URL) and deletes it, creates an API key and revokes it.
/// </summary>
[Collection(Chromium.Collection)]
[Trait("Category", "Browser")]
public sealed partial class DashboardOperatorTests(Chromium chromium)
{
    [Theory]
    [InlineData(1100, 920, "Desktop")]
    [InlineData(390, 844, "Phone")]
    public async Task Reply_FromTheConversation_ReachesThePhoneThroughTheOutbox(int width, int height, string size)
    {
        const string phone = "+15550107800";
        await using var host = await TapbackTestHost.StartAsync(DashboardClient.Settings());
        await host.SendAsync(phone, "Can a person help me?");
        await host.WaitForRepliesAsync(phone);
        var page = await chromium.NewPageAsync(host.BaseAddress);
        var errors = DashboardPage.CollectErrors(page);
        try
        {
            await page.SetViewportSizeAsync(width, height);
            await DashboardPage.SignInAsync(page);
            await DashboardPage.NavigateAsync(page, "Conversations");
            await page.Locator(".conversation-item a.item-name").First.ClickAsync();
            var history = page.GetByRole(AriaRole.Log, new() { Name = "History" });
            await Expect(history.Locator(".row.in .bubble")).ToContainTextAsync("Can a person help me?");

            await page.GetByLabel("Reply as the operator").FillAsync("Yes, this is Sam from support.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
            var reply = history.Locator(".row.out").Last;
            await Expect(reply.Locator(".bubble")).ToHaveTextAsync("Yes, this is Sam from support.");
            await Expect(page.GetByLabel("Reply as the operator")).ToHaveValueAsync(string.Empty);

            // The outbox carries it to the phone, and the live feed shows it sent.
            await host.AdvanceUntilAsync(
                async () => (await host.EventsAsync(phone)).Any(e => e.Type == "message.received" && e.Text == "Yes, this is Sam from support.")
                    && (await reply.Locator(".meta").InnerTextAsync()).Contains("sent", StringComparison.Ordinal),
                DashboardPage.Step);
            var messageId = await reply.GetAttributeAsync("data-message-id");
            await using (var connection = await host.Services.GetRequiredService<Database>().OpenAsync())
            {
                var key = await connection.ExecuteScalarAsync<string>("SELECT idempotency_key FROM outbox WHERE message_id = @messageId", new { messageId });
                Assert.Matches(OperatorKey(), key);
            }

            await DashboardPage.ScreenshotAsync(page, $"Operator-Reply-{size}");
        }
        finally
        {
            await page.Context.CloseAsync();
        }

        Assert.Empty(errors);
    }

    [Theory]
    [InlineData(1100, 920, "Desktop")]
    [InlineData(390, 844, "Phone")]
    public async Task WebhookAndApiKey_CreatedThenDeleted_WorkThenStop(int width, int height, string size)
    {
        const string phone = "+15550107900";
        var settings = WebhookTestKit.Settings();
        settings["Tapback:Admin:Token"] = DashboardClient.AdminToken;
        await using var host = await TapbackTestHost.StartAsync(settings);
        await using var receiver = await WebhookReceiver.StartAsync();
        await GatewayScript.PairAsync(host, phone);
        var page = await chromium.NewPageAsync(host.BaseAddress);
        var errors = DashboardPage.CollectErrors(page);
        try
        {
            await page.SetViewportSizeAsync(width, height);
            await DashboardPage.SignInAsync(page);

            // A webhook: added, its secret shown once, a delivery that names its URL, then deleted.
            await DashboardPage.NavigateAsync(page, "Webhooks");
            await Expect(page.Locator("#webhook-integration option")).ToHaveTextAsync(phone);
            await page.GetByLabel("URL").FillAsync(receiver.Url.ToString());
            await Expect(page.GetByLabel("message.received")).ToBeCheckedAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Add webhook" }).ClickAsync();
            var secret = page.GetByLabel("Signing secret");
            await Expect(secret).ToHaveValueAsync(new Regex("^whsec_"));
            receiver.Secret = await secret.InputValueAsync();
            var webhook = page.Locator("#webhook-list .item").First;
            await Expect(webhook).ToContainTextAsync(receiver.Url.ToString());
            await DashboardPage.ScreenshotAsync(page, $"Operator-WebhookAdded-{size}");

            await host.SendAsync(phone, "Is the bot there?");
            await host.AdvanceUntilAsync(() => Task.FromResult(receiver.Accepted.Count == 1), TimeSpan.FromSeconds(1));
            Assert.True(receiver.Accepted[0].Verified);
            await webhook.GetByRole(AriaRole.Link).ClickAsync();
            var row = page.Locator("table.deliveries tbody tr[data-delivery-id]").First;
            await Expect(row.Locator(".delivery-url")).ToHaveTextAsync(receiver.Url.ToString());
            await Expect(row.Locator(".badge")).ToHaveTextAsync("delivered");
            await DashboardPage.ScreenshotAsync(page, $"Operator-Deliveries-{size}");

            await page.GetByRole(AriaRole.Link, new() { Name = "Webhooks", Exact = true }).First.ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = $"Delete the webhook to {receiver.Url}" }).ClickAsync();
            var confirm = page.GetByRole(AriaRole.Dialog, new() { Name = "Delete this webhook?" });
            await Expect(confirm).ToBeVisibleAsync();
            await confirm.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
            await Expect(page.Locator("#webhook-list")).ToContainTextAsync("No webhooks yet.");

            // An API key: created, shown once, it opens the REST API; revoked, it no longer does.
            await DashboardPage.NavigateAsync(page, "API keys");
            await page.GetByLabel("Key name").FillAsync("Render deploy");
            await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
            var keyField = page.GetByLabel("API key", new() { Exact = true });
            await Expect(keyField).ToHaveValueAsync(new Regex("^tbk_key_"));
            var key = await keyField.InputValueAsync();
            await Expect(page.Locator("#api-key-list .item")).ToContainTextAsync("Render deploy");
            await DashboardPage.ScreenshotAsync(page, $"Operator-ApiKey-{size}");
            Assert.Equal(HttpStatusCode.OK, await ConversationsWithAsync(host, key));

            await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Revoke Render deploy") }).ClickAsync();
            var revoke = page.GetByRole(AriaRole.Dialog, new() { Name = "Revoke this API key?" });
            await revoke.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
            await Expect(page.Locator("#api-key-list")).ToContainTextAsync("No API keys.");
            Assert.Equal(HttpStatusCode.Unauthorized, await ConversationsWithAsync(host, key));
        }
        finally
        {
            await page.Context.CloseAsync();
        }

        Assert.Empty(errors);
        using var admin = await DashboardClient.SignedInAsync(host);
        Assert.Equal("[]", await admin.Http.GetStringAsync("/api/dashboard/webhooks"));
    }

    private static async Task<HttpStatusCode> ConversationsWithAsync(TapbackTestHost host, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v2/conversations");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await host.Client.SendAsync(request);
        return response.StatusCode;
    }

    [GeneratedRegex("^operator:send:dash_[0-9a-f]{32}$")]
    private static partial Regex OperatorKey();
}
