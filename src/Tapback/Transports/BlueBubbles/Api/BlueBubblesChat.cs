namespace Tapback.Transports.BlueBubbles.Api;

/// <summary>
/// A chat. The guid is opaque (<c>iMessage;-;+1555…</c>, <c>iMessage;+;chat…</c> for a group,
/// <c>SMS;-;…</c>, <c>any;-;…</c> on newer macOS): Tapback stores it and sends it back unchanged.
/// </summary>
internal sealed record BlueBubblesChat
{
    public string? Guid { get; init; }

    /// <summary>43 for a group, 45 for a one-to-one chat.</summary>
    public int? Style { get; init; }

    public string? DisplayName { get; init; }

    public string? ChatIdentifier { get; init; }
}
