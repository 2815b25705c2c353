namespace Tapback.Messaging;

/// <summary>
/// What a transport can really do. The agent and the outbox read these and degrade gracefully:
/// no typing indicator where there is none, no read receipt where the provider cannot send one.
/// </summary>
internal sealed record TransportCapabilities
{
    public bool Typing { get; init; }
    public bool ReadReceipts { get; init; }
    public bool TapbacksSent { get; init; }
    public bool TapbacksReceived { get; init; }
    public bool Attachments { get; init; }
    public bool VoiceNotes { get; init; }
    public bool Edits { get; init; }
    public bool Groups { get; init; }

    /// <summary>
    /// True when the transport itself drops a repeated send with the same idempotency key, so an
    /// outbox row whose outcome is unknown after a crash can safely be sent again.
    /// </summary>
    public bool IdempotentSends { get; init; }

    /// <summary>How often a shown typing indicator must be refreshed to stay visible; null when it stays on.</summary>
    public TimeSpan? TypingRefreshInterval { get; init; }
}
