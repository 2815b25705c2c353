namespace Tapback.Transports.BlueBubbles.Api;

/// <summary>
/// <c>POST /message/{guid}/edit</c> (Private API, macOS Ventura or newer): <c>backwardsCompatibilityMessage</c>
/// is what a device too old to show edits receives instead.
/// </summary>
internal sealed record EditRequest
{
    public required string EditedMessage { get; init; }

    public required string BackwardsCompatibilityMessage { get; init; }

    public int PartIndex { get; init; }
}
