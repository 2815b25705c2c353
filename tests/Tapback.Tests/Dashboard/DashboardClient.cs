using System.Net;
using System.Net.Http.Json;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Dashboard;

/// <summary>A browser-like client of the dashboard: keeps the sign-in cookie and says its Origin, as a browser's fetch does.</summary>
internal sealed class DashboardClient : IDisposable
{
    public const string AdminToken = "test-dashboard-admin-token-0123456789";

    private DashboardClient(TapbackTestHost host, string? origin)
    {
        Cookies = new CookieContainer();
        Http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false }) { BaseAddress = host.BaseAddress };
        if (origin is not null)
        {
            Http.DefaultRequestHeaders.Add("Origin", origin);
        }
    }

    public HttpClient Http { get; }

    public CookieContainer Cookies { get; }

    public static Dictionary<string, string?> Settings() => new() { ["Tapback:Admin:Token"] = AdminToken };

    /// <summary>A client that has not signed in; <paramref name="origin"/> defaults to the host's own.</summary>
    public static DashboardClient Anonymous(TapbackTestHost host, string? origin = "") =>
        new(host, origin == string.Empty ? host.BaseAddress.GetLeftPart(UriPartial.Authority) : origin);

    public static async Task<DashboardClient> SignedInAsync(TapbackTestHost host)
    {
        var client = Anonymous(host);
        using var response = await client.SignInAsync(AdminToken);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        return client;
    }

    /// <summary>Signs in on <paramref name="host"/> and returns the cookies a browser would keep.</summary>
    public static async Task<IReadOnlyList<Cookie>> SignInCookiesAsync(TapbackTestHost host)
    {
        using var client = await SignedInAsync(host);
        return [.. client.Cookies.GetAllCookies().Cast<Cookie>()];
    }

    /// <summary>What <c>GET /</c> answers a browser holding <paramref name="cookies"/>: 200 when they sign in, a redirect when not.</summary>
    public static async Task<HttpStatusCode> RootWithCookiesAsync(TapbackTestHost host, IEnumerable<Cookie> cookies)
    {
        using var browser = Anonymous(host);
        foreach (var cookie in cookies)
        {
            browser.Cookies.Add(host.BaseAddress, new Cookie(cookie.Name, cookie.Value));
        }

        using var response = await browser.Http.GetAsync("/");
        return response.StatusCode;
    }

    public Task<HttpResponseMessage> SignInAsync(string token) => Http.PostAsJsonAsync("/api/dashboard/signin", new { token });

    public void Dispose() => Http.Dispose();
}
