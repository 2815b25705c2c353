using Microsoft.Playwright;
using Tapback.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Tapback.Tests.Dashboard;

/// <summary>Steps a person takes on the dashboard in Chromium, shared by the page tests.</summary>
internal static class DashboardPage
{
    public static readonly TimeSpan Step = TimeSpan.FromMilliseconds(100);

    /// <summary>Opens <c>/</c>, lands on the sign-in page, signs in and waits for the dashboard.</summary>
    public static async Task SignInAsync(IPage page, string token = DashboardClient.AdminToken)
    {
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/signin$"));
        await page.GetByLabel("Admin token").FillAsync(token);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator("main[data-ready=true]")).ToBeVisibleAsync();
    }

    /// <summary>Follows one of the top bar's links: Integrations, Conversations, Webhooks or System.</summary>
    public static Task NavigateAsync(IPage page, string section) =>
        page.GetByRole(AriaRole.Navigation, new() { Name = "Dashboard" }).GetByRole(AriaRole.Link, new() { Name = section, Exact = true }).ClickAsync();

    public static Task ScreenshotAsync(IPage page, string name) => Chromium.ScreenshotAsync(page, "Dashboard-" + name);

    /// <summary>Page errors and console errors, except the browser's own line for an HTTP error status a test asked for.</summary>
    public static List<string> CollectErrors(IPage page)
    {
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                errors.Add(message.Text);
            }
        };
        return errors;
    }
}
