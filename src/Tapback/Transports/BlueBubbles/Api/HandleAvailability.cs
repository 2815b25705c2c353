namespace Tapback.Transports.BlueBubbles.Api;

/// <summary>The data of <c>GET /handle/availability/imessage?address=…</c> (Private API): <c>{available}</c>.</summary>
internal sealed record HandleAvailability
{
    public bool? Available { get; init; }
}
