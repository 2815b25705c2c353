namespace Tapback.Dashboard;

/// <summary>The dashboard's sign-in cookie, as an authentication scheme the admin policy also accepts.</summary>
internal static class DashboardCookie
{
    public const string Scheme = "TapbackDashboard";

    public const string Name = "tapback_dashboard";

    public static CookieOptions Options(HttpRequest request, TimeSpan? maxAge) => new()
    {
        HttpOnly = true,
        Secure = request.IsHttps,
        SameSite = SameSiteMode.Strict,
        Path = "/",
        // Max-Age, not Expires: relative to the browser's clock, so a skewed server clock cannot end it early.
        MaxAge = maxAge,
        IsEssential = true,
    };
}
