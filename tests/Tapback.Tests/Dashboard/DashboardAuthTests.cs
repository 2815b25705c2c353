using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using Tapback.Tests.AgentLink;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Dashboard;

/// <summary>The dashboard's sign-in, cookie and cross-site defence, over real HTTP.</summary>
public sealed class DashboardAuthTests : IAsyncLifetime
{
    private TapbackTestHost _host = null!;

    public async Task InitializeAsync() => _host = await TapbackTestHost.StartAsync(DashboardClient.Settings());

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Dashboard_WithoutSignIn_RedirectsToSignInAndServesNoPage()
    {
        using var client = DashboardClient.Anonymous(_host);

        using var root = await client.Http.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, root.StatusCode);
        Assert.Equal("/signin", root.Headers.Location?.OriginalString);

        using var signIn = await client.Http.GetAsync("/signin");
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.DoesNotContain("integration", await signIn.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);

        // The dashboard's page is not a static file anywhere.
        foreach (var path in new[] { "/dashboard/index.html", "/pages/dashboard/index.html", "/index.html" })
        {
            using var file = await client.Http.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, file.StatusCode);
        }
    }

    [Theory]
    [InlineData("/api/dashboard/integrations")]
    [InlineData("/api/dashboard/conversations")]
    [InlineData("/api/dashboard/system")]
    [InlineData("/api/dashboard/webhooks")]
    [InlineData("/api/dashboard/events")]
    [InlineData("/api/admin/integrations")]
    public async Task DashboardApi_MissingOrWrongCredential_Is401ProblemJson(string path)
    {
        using var anonymous = DashboardClient.Anonymous(_host);
        using var missing = await anonymous.Http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);

        using var forged = DashboardClient.Anonymous(_host);
        forged.Cookies.Add(_host.BaseAddress, new Cookie("tapback_dashboard", "v1.99999999999999.forged"));
        using var withForgedCookie = await forged.Http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.Unauthorized, withForgedCookie.StatusCode);

        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "not-the-admin-token");
        using var withWrongBearer = await anonymous.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.Unauthorized, withWrongBearer.StatusCode);
    }

    [Fact]
    public async Task SignIn_WrongToken_Is401AndSetsNoCookie()
    {
        using var client = DashboardClient.Anonymous(_host);

        using var response = await client.SignInAsync("tba_wrong");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        using var root = await client.Http.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, root.StatusCode);
    }

    [Fact]
    public async Task SignIn_EmptyToken_Is400NamingTheField()
    {
        using var client = DashboardClient.Anonymous(_host);

        using var response = await client.SignInAsync(" ");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.NotNull(problem["errors"]!["token"]);
    }

    [Fact]
    public async Task SignIn_AdminToken_SetsStrictHttpOnlyCookieThatOpensPagesAndApis()
    {
        using var client = DashboardClient.Anonymous(_host);

        using var response = await client.SignInAsync(DashboardClient.AdminToken);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("tapback_dashboard=", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(DashboardClient.AdminToken, cookie, StringComparison.Ordinal);
        // Plain HTTP on loopback: Secure would make the browser drop it; over HTTPS it is set.
        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase);

        using var page = await client.Http.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("frame-ancestors 'none'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("/dashboard/app.js", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/api/admin/integrations")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/api/dashboard/system")).StatusCode);
    }

    [Fact]
    public async Task CookieChange_FromAnotherOriginOrWithoutOrigin_IsRefused()
    {
        var token = await GatewayScript.PairAsync(_host, "+15550107001");
        Assert.NotEmpty(token);
        using var signedIn = await DashboardClient.SignedInAsync(_host);
        var integrationId = (string)JsonNode.Parse(await signedIn.Http.GetStringAsync("/api/dashboard/integrations"))![0]!["id"]!;
        var pause = $"/api/admin/integrations/{integrationId}/pause";

        using var crossSite = DashboardClient.Anonymous(_host, origin: "http://evil.example");
        foreach (var cookie in signedIn.Cookies.GetAllCookies().Cast<Cookie>())
        {
            crossSite.Cookies.Add(_host.BaseAddress, cookie);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await crossSite.Http.PostAsync(pause, null)).StatusCode);
        using var noOrigin = DashboardClient.Anonymous(_host, origin: null);
        foreach (var cookie in signedIn.Cookies.GetAllCookies().Cast<Cookie>())
        {
            noOrigin.Cookies.Add(_host.BaseAddress, cookie);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await noOrigin.Http.PostAsync(pause, null)).StatusCode);
        // Reading needs no Origin; the same cookie from the dashboard's own origin may change things.
        Assert.Equal(HttpStatusCode.OK, (await noOrigin.Http.GetAsync("/api/dashboard/integrations")).StatusCode);
        var integrations = JsonNode.Parse(await noOrigin.Http.GetStringAsync("/api/dashboard/integrations"))!;
        Assert.Equal("waiting", (string?)integrations[0]!["status"]);
        Assert.Equal(HttpStatusCode.OK, (await signedIn.Http.PostAsync(pause, null)).StatusCode);

        using var signInFromElsewhere = DashboardClient.Anonymous(_host, origin: "http://evil.example");
        Assert.Equal(HttpStatusCode.Forbidden, (await signInFromElsewhere.SignInAsync(DashboardClient.AdminToken)).StatusCode);
    }

    [Fact]
    public async Task Bearer_AdminToken_StillWorksBesideTheCookie()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/dashboard/integrations");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", DashboardClient.AdminToken);

        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task SignOut_ClearsTheCookie()
    {
        using var client = await DashboardClient.SignedInAsync(_host);

        using var response = await client.Http.PostAsync("/api/dashboard/signout", null);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.Http.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Cookie_AfterTheAdminTokenChanges_NoLongerSignsIn()
    {
        var data = Directory.CreateTempSubdirectory("tapback-dashboard-").FullName;
        try
        {
            IReadOnlyList<Cookie> cookies;
            await using (var first = await TapbackTestHost.StartAsync(DashboardClient.Settings(), data))
            {
                cookies = await DashboardClient.SignInCookiesAsync(first);
            }

            Assert.Equal(HttpStatusCode.Redirect, await RootWithAsync(new Dictionary<string, string?> { ["Tapback:Admin:Token"] = "a-new-admin-token-0123456789abcdef" }));
            // The same store and token again: the cookie is good, so it was the token change that ended it.
            Assert.Equal(HttpStatusCode.OK, await RootWithAsync(DashboardClient.Settings()));

            async Task<HttpStatusCode> RootWithAsync(Dictionary<string, string?> settings)
            {
                await using var host = await TapbackTestHost.StartAsync(settings, data);
                return await DashboardClient.RootWithCookiesAsync(host, cookies);
            }
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task Cookie_OnACopyOfTheStoreWithoutTheKeyFile_IsRefused()
    {
        var original = Directory.CreateTempSubdirectory("tapback-dashboard-").FullName;
        var stolen = Directory.CreateTempSubdirectory("tapback-stolen-").FullName;
        try
        {
            IReadOnlyList<Cookie> cookies;
            await using (var first = await TapbackTestHost.StartAsync(DashboardClient.Settings(), original))
            {
                cookies = await DashboardClient.SignInCookiesAsync(first);
            }

            // The copy: the SQLite file alone, or on PostgreSQL the very same database, from another data directory.
            var settings = DashboardClient.Settings();
            if (TestStore.IsPostgres)
            {
                foreach (var (key, value) in await TestStore.SettingsForAsync(original))
                {
                    settings[key] = value;
                }
            }
            else
            {
                File.Copy(Path.Combine(original, "tapback.db"), Path.Combine(stolen, "tapback.db"));
            }

            await using (var copy = await TapbackTestHost.StartAsync(settings, stolen))
            {
                await using var connection = await TestStore.OpenAsync(TestStore.IsPostgres ? original : stolen);
                var secrets = await connection.QueryAsync<string>("SELECT name FROM gateway_secrets");
                Assert.DoesNotContain("dashboard_cookie_key", secrets);
                Assert.Equal(HttpStatusCode.Redirect, await DashboardClient.RootWithCookiesAsync(copy, cookies));
            }

            // The original data directory, key file and all, still accepts it.
            await using (var again = await TapbackTestHost.StartAsync(DashboardClient.Settings(), original))
            {
                Assert.Equal(HttpStatusCode.OK, await DashboardClient.RootWithCookiesAsync(again, cookies));
            }
        }
        finally
        {
            await TestStore.DropAsync(original);
            await TestStore.DropAsync(stolen);
            Directory.Delete(original, recursive: true);
            Directory.Delete(stolen, recursive: true);
        }
    }

    [Fact]
    public async Task Connect_BadPhoneAndCode_Is400NamingBothFields()
    {
        using var client = await DashboardClient.SignedInAsync(_host);

        using var response = await client.Http.PostAsJsonAsync("/api/dashboard/connect", new { phone = "555-0100", code = "12ab" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!;
        Assert.NotNull(errors["phone"]);
        Assert.NotNull(errors["code"]);
    }

    [Fact]
    public async Task Connect_WrongCode_Is400OnTheCodeAndPairsNothing()
    {
        await GatewayScript.RequestCodeAsync(_host, "+15550107002");
        using var client = await DashboardClient.SignedInAsync(_host);

        using var response = await client.Http.PostAsJsonAsync("/api/dashboard/connect", new { phone = "+15550107002", code = "000000" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!["code"]);
        Assert.Empty(JsonNode.Parse(await client.Http.GetStringAsync("/api/dashboard/integrations"))!.AsArray());
    }
}
