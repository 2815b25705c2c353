namespace Tapback.AgentLink;

/// <summary>The agent WebSocket and its file URLs: <c>Tapback:Gateway:WebSocket</c>.</summary>
internal sealed class AgentLinkOptions
{
    public const string SectionName = "Tapback:Gateway:WebSocket";

    /// <summary>How often, at the latest, the gateway pings a client that has been silent.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a ping may go unanswered before the client is dropped.</summary>
    public TimeSpan KeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The interval to hand the runtime's WebSocket so that a ping leaves within
    /// <see cref="KeepAliveInterval"/>. The runtime checks its ping deadline only on a heartbeat of a
    /// quarter of the shorter of interval and timeout, so a ping it owes at 30 s left up to 7.5 s late
    /// (clients saw one every ~37 s). Asking for the interval less one heartbeat keeps every ping
    /// between 0.8 and 1 times the documented interval.
    /// </summary>
    public TimeSpan RuntimeKeepAliveInterval
    {
        get
        {
            // Solve i + min(i, timeout) / 4 = interval for i.
            var whenIntervalIsShorter = KeepAliveInterval * 0.8;
            return whenIntervalIsShorter <= KeepAliveTimeout
                ? whenIntervalIsShorter
                : KeepAliveInterval - KeepAliveTimeout / 4;
        }
    }

    /// <summary>The largest frame a client may send.</summary>
    public int MaxFrameBytes { get; set; } = 1024 * 1024;

    /// <summary>The largest file a client may upload.</summary>
    public long MaxUploadBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>How long an upload URL (and an uploaded file not yet sent) stays valid.</summary>
    public TimeSpan UploadUrlLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a file URL in a delivered event stays valid.</summary>
    public TimeSpan FileUrlLifetime { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// The address clients reach the gateway at (e.g. https://tapback.example.com), for the URLs in
    /// events; when unset, the address the client's WebSocket request came to.
    /// </summary>
    public Uri? PublicUrl { get; set; }
}
