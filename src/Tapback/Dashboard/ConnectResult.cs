namespace Tapback.Dashboard;

/// <summary>A new integration and its token, shown this once (only its hash is kept).</summary>
internal sealed record ConnectResult(DashboardIntegration Integration, string Token);
