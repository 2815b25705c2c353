using System.Net;
using Microsoft.Playwright;
using Tapback.Tests.Dashboard;
using Tapback.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Tapback.Tests.Web;

/// <summary>
/// Every page is sent a Content-Security-Policy that allows only its own scripts and styles, and each
/// page works under it in Chromium with no violation reported.
/// </summary>
[Collection(Chromium.Collection)]
[Trait("Category", "Browser")]
public sealed class PageSecurityTests(Chromium chromium)
{
    private const string Policy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    // Runs before any page script (Playwright's init scripts are not subject to the page's CSP).
    private const string RecordViolations =
        "window.__violations = []; document.addEventListener('securitypolicyviolation', e => window.__violations.push(`${e.effectiveDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));";

    [Theory]
    [InlineData("/simulator")]
    [InlineData("/api.html")]
    [InlineData("/signin")]
    [InlineData("/")]
    public async Task Page_AnyPage_SendsTheContentSecurityPolicy(string path)
    {
        await using var host = await TapbackTestHost.StartAsync(DashboardClient.Settings());
        using var client = await DashboardClient.SignedInAsync(host);
        if (path == "/signin")
        {
            await client.Http.PostAsync("/api/dashboard/signout", null);
        }

        using var response = await client.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Policy, Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task Simulator_UnderTheCsp_SendsAMessageWithNoViolation()
    {
        await using var host = await TapbackTestHost.StartAsync();
        await WithPageAsync(host, async page =>
        {
            await page.GotoAsync("/simulator");
            var from = page.GetByLabel("Texting from");
            await from.FillAsync("+15550109100");
            await from.PressAsync("Enter");
            var field = page.GetByLabel("Message");
            await field.FillAsync("Hello under a strict policy");
            await field.PressAsync("Enter");
            await Expect(page.Locator(".row.me .bubble")).ToContainTextAsync("Hello under a strict policy");
            await host.AdvanceUntilAsync(async () => await page.Locator(".row.them .bubble").CountAsync() >= 1, TimeSpan.FromMilliseconds(50));
        });
    }

    [Fact]
    public async Task ApiReference_UnderTheCsp_RendersTheOpenApiDocumentWithNoViolation()
    {
        await using var host = await TapbackTestHost.StartAsync();
        await WithPageAsync(host, async page =>
        {
            await page.GotoAsync("/api.html");
            await Expect(page.Locator("#paths section").First).ToContainTextAsync("/v2");
            // The stylesheet (once inline) is applied from its file.
            Assert.Equal("960px", await page.EvaluateAsync<string>("() => getComputedStyle(document.body).maxWidth"));
        });
    }

    [Fact]
    public async Task Dashboard_UnderTheCsp_SignsInAndShowsIntegrationsWithNoViolation()
    {
        await using var host = await TapbackTestHost.StartAsync(DashboardClient.Settings());
        await WithPageAsync(host, async page =>
        {
            await DashboardPage.SignInAsync(page);
            await Expect(page.Locator("#integration-list")).ToContainTextAsync("No phone is paired yet.");
            await DashboardPage.NavigateAsync(page, "System");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "System", Level = 1 })).ToBeVisibleAsync();
        });
    }

    // Opens a page that records every CSP violation, lets the test use it, then checks none was
    // reported; last, an injected inline script proves the policy is enforced and the recorder hears it.
    private async Task WithPageAsync(TapbackTestHost host, Func<IPage, Task> use)
    {
        var page = await chromium.NewPageAsync(host.BaseAddress);
        var errors = DashboardPage.CollectErrors(page);
        try
        {
            await page.Context.AddInitScriptAsync(RecordViolations);
            await use(page);

            Assert.Empty(await page.EvaluateAsync<string[]>("() => window.__violations"));
            Assert.Empty(errors);

            await page.EvaluateAsync("() => { const s = document.createElement('script'); s.textContent = 'window.__inlineRan = true'; document.body.append(s); }");
            await Expect(page.Locator("body")).ToBeVisibleAsync();
            Assert.Null(await page.EvaluateAsync<bool?>("() => window.__inlineRan ?? null"));
            var violations = await page.EvaluateAsync<string[]>("() => window.__violations");
            Assert.Contains(violations, violation => violation.StartsWith("script-src-elem inline", StringComparison.Ordinal));
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
