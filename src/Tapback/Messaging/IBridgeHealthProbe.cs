namespace Tapback.Messaging;

/// <summary>
/// A transport that relays through a bridge the operator runs (a BlueBubbles server, a Mac's own
/// Messages) and can tell when that bridge looks stalled. The gateway's watchdog (Gateway/Watchdog)
/// asks every transport that implements it, whatever its kind, and turns a stall that lasts into a
/// degraded state, <c>/healthz</c> entry and event; a transport without it is not watched.
/// </summary>
internal interface IBridgeHealthProbe
{
    /// <summary>
    /// Looks at the bridge now: null when it looks well, else why it looks stalled, in a sentence an
    /// operator can act on (no phone number, no message text). Never throws for the bridge's own failures.
    /// </summary>
    Task<string?> ProbeAsync(CancellationToken cancellationToken = default);
}
