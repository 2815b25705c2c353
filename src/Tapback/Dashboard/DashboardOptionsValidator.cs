using Tapback.Configuration;

namespace Tapback.Dashboard;

/// <summary>Checks <c>Tapback:Dashboard</c> at start.</summary>
internal sealed class DashboardOptionsValidator() : SectionValidator<DashboardOptions>(DashboardOptions.SectionName)
{
    protected override void Check(DashboardOptions options, SectionFailures failures)
    {
        failures.Positive(options.SessionLifetime, nameof(options.SessionLifetime));
        for (var i = 0; i < options.AllowedOrigins.Length; i++)
        {
            failures.Require(
                Uri.TryCreate(options.AllowedOrigins[i], UriKind.Absolute, out var origin) && origin.Scheme is "http" or "https" && origin.AbsolutePath == "/",
                $"AllowedOrigins:{i}",
                "must be an origin such as https://tapback.example.com (scheme and host, no path).");
        }
    }
}
