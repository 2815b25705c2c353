using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Tapback.Tests.AgentLink;
using Tapback.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Tapback.Tests.Dashboard;

/// <summary>
/// The dashboard in Debian's Chromium against a real Tapback on loopback. Live updates come from the
/// server-sent feed, which looks at the store on the host's fake clock; the tests advance it.
/// Screenshots land in TestResults/screenshots as Dashboard-*.png.
/// </summary>
[Collection(Chromium.Collection)]
[Trait("Category", "Browser")]
public sealed partial class DashboardPageTests(Chromium chromium)
{
    [Fact]
    public async Task SignIn_WrongThenRightToken_ShowsTheErrorThenTheDashboard()
    {
        await using var host = await TapbackTestHost.StartAsync(DashboardClient.Settings());
        var page = await chromium.NewPageAsync(host.BaseAddress);
        var errors = DashboardPage.CollectErrors(page);
        try
        {
            await page.GotoAsync("/");
            await Expect(page).ToHaveURLAsync(SignInUrl());
            await page.GetByLabel("Admin token").FillAsync("tba_not-it");
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("not the admin token");
            await Expect(page).ToHaveURLAsync(SignInUrl());
            await DashboardPage.ScreenshotAsync(page, "SignIn-Refused");

            await page.GetByLabel("Admin token").FillAsync(DashboardClient.AdminToken);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Integrations", Level = 1 })).ToBeVisibleAsync();
            await Expect(page.Locator("#integration-list")).ToContainTextAsync("No phone is paired yet.");

            await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(SignInUrl());
            await page.GotoAsync("/");
            await Expect(page).ToHaveURLAsync(SignInUrl());
        }
        finally
        {
            await page.Context.CloseAsync();
        }

        Assert.Empty(errors);
    }

    [Fact]
    public async Task Connect_SimulatorPhonePairedWithItsSetupCode_ShowsTokenAndMessagesLive()
    {
        const string phone = "+15550107100";
        await using var host = await TapbackTestHost.StartAsync(DashboardClient.Settings());
        var page = await chromium.NewPageAsync(host.BaseAddress);
        var errors = DashboardPage.CollectErrors(page);
        try
        {
            await DashboardPage.SignInAsync(page);
            var code = await GatewayScript.RequestCodeAsync(host, phone);

            // The number is checked as it is typed.
            var phoneField = page.GetByLabel("Phone number");
            await phoneField.FillAsync("555 0107");
            await Expect(phoneField).ToHaveAttributeAsync("aria-invalid", "true");
            await Expect(page.Locator("#connect-phone-hint")).ToContainTextAsync("Start with + and the country code");
            await phoneField.FillAsync("+1 (555) 010-7100");
            await Expect(phoneField).Not.ToHaveAttributeAsync("aria-invalid", "true");
            await Expect(page.Locator("#connect-phone-hint")).ToContainTextAsync("Looks right: " + phone);

            await page.GetByLabel("6-digit code").FillAsync(code);
            await page.GetByLabel("Name (optional)", new() { Exact = true }).FillAsync("Support bot");
            await page.GetByLabel("Bot name (optional)").FillAsync("Ava");
            await page.GetByLabel("Session timeout in minutes (optional)").FillAsync("30");
            await page.GetByLabel("Show tool calls as bubbles").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Connect" }).ClickAsync();

            await Expect(page.GetByLabel("Integration token")).ToHaveValueAsync(new Regex("^tbk_"));
            await Expect(page.Locator("#integration-list .item")).ToHaveCountAsync(1);
            await Expect(page.Locator("#integration-list")).ToContainTextAsync("Support bot");
            await Expect(page.Locator("#integration-list .badge")).ToHaveTextAsync("waiting for its agent");
            await DashboardPage.ScreenshotAsync(page, "Integrations-Connected");

            await page.GetByRole(AriaRole.Link, new() { Name = "Open the integration →" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Support bot", Level = 1 })).ToBeVisibleAsync();
            await Expect(page.GetByLabel("Bot name", new() { Exact = true })).ToHaveValueAsync("Ava");
            await Expect(page.GetByLabel("Session timeout in minutes", new() { Exact = true })).ToHaveValueAsync("30");
            await Expect(page.GetByLabel("Show tool calls as bubbles")).ToBeCheckedAsync();
            // The /setup text and its answer are the phone's conversation so far.
            var conversation = page.Locator("#conversation-list .conversation-item").First;
            await Expect(conversation).ToContainTextAsync("2 messages");

            // The phone texts from the simulator page; the conversation shows up by itself.
            var simulator = await page.Context.NewPageAsync();
            await simulator.GotoAsync("/simulator");
            await simulator.GetByLabel("Texting from").FillAsync(phone);
            await simulator.GetByLabel("Texting from").PressAsync("Enter");
            await simulator.GetByLabel("Message").FillAsync("Hello from the phone");
            await simulator.GetByLabel("Message").PressAsync("Enter");
            await host.AdvanceUntilAsync(async () => (await conversation.InnerTextAsync()).Contains("3 messages", StringComparison.Ordinal), DashboardPage.Step);
            await DashboardPage.ScreenshotAsync(page, "Integration");

            await conversation.GetByRole(AriaRole.Link).First.ClickAsync();
            var history = page.GetByRole(AriaRole.Log, new() { Name = "History" });
            await Expect(history.Locator(".row.in .bubble").Last).ToContainTextAsync("Hello from the phone");
            var before = await history.Locator(".row.in .bubble").CountAsync();

            await simulator.GetByLabel("Message").FillAsync("And this one arrives live");
            await simulator.GetByLabel("Message").PressAsync("Enter");
            await host.AdvanceUntilAsync(async () => await history.Locator(".row.in .bubble").CountAsync() == before + 1, DashboardPage.Step);
            await Expect(history.Locator(".row.in .bubble").Last).ToContainTextAsync("And this one arrives live");
            await DashboardPage.ScreenshotAsync(page, "Conversation-Live");
        }
        finally
        {
            await page.Context.CloseAsync();
        }

        Assert.Empty(errors);
    }

    [Fact]
    public async Task Integration_PauseResumeRenameSettingsAndDelete_ChangeItInTheStore()
    {
        const string phone = "+15550107200";
        await using var host = await TapbackTestHost.StartAsync(DashboardClient.Settings());
        await GatewayScript.PairAsync(host, phone);
        var page = await chromium.NewPageAsync(host.BaseAddress);
        var errors = DashboardPage.CollectErrors(page);
        try
        {
            await DashboardPage.SignInAsync(page);
            await page.Locator("#integration-list .item").First.ClickAsync();
            var title = page.Locator("#integration-title");
            await Expect(title).ToHaveTextAsync(phone);
            var status = page.Locator("#integration-status .badge");

            await page.GetByRole(AriaRole.Button, new() { Name = "Pause" }).ClickAsync();
            await Expect(status).ToHaveTextAsync("paused");
            await DashboardPage.ScreenshotAsync(page, "Integration-Paused");
            await page.GetByRole(AriaRole.Button, new() { Name = "Resume" }).ClickAsync();
            await Expect(status).ToHaveTextAsync("waiting for its agent");

            await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Front desk");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save name" }).ClickAsync();
            await Expect(title).ToHaveTextAsync("Front desk");

            await page.GetByLabel("Model override").FillAsync("gpt-test");
            await page.GetByLabel("Reasoning effort").SelectOptionAsync("high");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Settings saved." })).ToBeVisibleAsync();
            using (var admin = await DashboardClient.SignedInAsync(host))
            {
                var stored = System.Text.Json.Nodes.JsonNode.Parse(await admin.Http.GetStringAsync("/api/dashboard/integrations"))![0]!;
                Assert.Equal("Front desk", (string?)stored["name"]);
                Assert.Equal("gpt-test", (string?)stored["settings"]!["model"]);
                Assert.Equal("high", (string?)stored["settings"]!["effort"]);
            }

            // Delete asks first; Cancel keeps it, Delete removes it.
            await page.GetByRole(AriaRole.Button, new() { Name = "Delete…" }).ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Delete this integration?" });
            await Expect(dialog).ToBeVisibleAsync();
            await DashboardPage.ScreenshotAsync(page, "Integration-DeleteConfirm");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
            await Expect(dialog).ToBeHiddenAsync();
            await Expect(title).ToHaveTextAsync("Front desk");

            await page.GetByRole(AriaRole.Button, new() { Name = "Delete…" }).ClickAsync();
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Integrations", Level = 1 })).ToBeVisibleAsync();
            await Expect(page.Locator("#integration-list")).ToContainTextAsync("No phone is paired yet.");
        }
        finally
        {
            await page.Context.CloseAsync();
        }

        Assert.Empty(errors);
    }

    [GeneratedRegex("/signin$")]
    private static partial Regex SignInUrl();
}
