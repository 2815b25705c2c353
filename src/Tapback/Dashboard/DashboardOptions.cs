namespace Tapback.Dashboard;

/// <summary>The dashboard: <c>Tapback:Dashboard</c>.</summary>
internal sealed class DashboardOptions
{
    public const string SectionName = "Tapback:Dashboard";

    /// <summary>How long a sign-in lasts before the admin token must be given again.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>
    /// Origins (e.g. <c>https://tapback.example.com</c>) whose state-changing requests the dashboard's
    /// cookie also authorises, for a reverse proxy that rewrites the Host header. The request's own
    /// host is always allowed.
    /// </summary>
    public string[] AllowedOrigins { get; set; } = [];
}
