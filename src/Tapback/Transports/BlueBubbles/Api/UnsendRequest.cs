namespace Tapback.Transports.BlueBubbles.Api;

/// <summary><c>POST /message/{guid}/unsend</c> (Private API, macOS Ventura or newer).</summary>
internal sealed record UnsendRequest
{
    public int PartIndex { get; init; }
}
