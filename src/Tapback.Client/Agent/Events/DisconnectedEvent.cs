using System.Net;
using System.Net.WebSockets;

namespace Tapback.Client;

/// <summary>
/// The client's own event: a connection attempt failed or a connection ended, and the client tries
/// again after <see cref="RetryIn"/>. Events not yet acknowledged come again after the reconnect.
/// </summary>
public sealed record DisconnectedEvent : TapbackEvent
{
    /// <summary>What happened, in a sentence.</summary>
    public required string Reason { get; init; }

    /// <summary>The close code, when the gateway closed the connection (<c>1001</c>: it is stopping).</summary>
    public WebSocketCloseStatus? CloseStatus { get; init; }

    /// <summary>The gateway's close reason (for <c>4000</c>: what replaced or revoked the connection).</summary>
    public string? CloseDescription { get; init; }

    /// <summary>The HTTP status that refused the upgrade (<c>401</c>: the token is not accepted; pair again).</summary>
    public HttpStatusCode? HttpStatusCode { get; init; }

    /// <summary>Whether the connection had been answered with <c>connected</c> before it ended.</summary>
    public bool WasConnected { get; init; }

    /// <summary>True when your handler threw (<see cref="Exception"/>): its event was not acknowledged and comes again.</summary>
    public bool HandlerFailed { get; init; }

    /// <summary>The exception behind it: a network error, or your handler's, whose event comes again.</summary>
    public Exception? Exception { get; init; }

    /// <summary>The wait before the next attempt (full-jitter exponential backoff).</summary>
    public TimeSpan RetryIn { get; init; }

    /// <summary>The number of the next attempt since the last good connection (1 for the first retry).</summary>
    public int Attempt { get; init; }
}
