namespace Tapback.Dashboard;

/// <summary>
/// A watched bridge as the watchdog last announced it: <c>healthy</c> or <c>degraded</c>, why, since
/// when, and a stall it is still confirming (<see cref="Suspected"/>), for the System page.
/// </summary>
internal sealed record TransportHealthView(string State, string? Reason, DateTimeOffset? Since, string? Suspected, DateTimeOffset? CheckedAt);
