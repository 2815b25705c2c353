namespace Tapback.Transports.BlueBubbles;

/// <summary>One part of a send as stored: no <see cref="Guid"/> yet means its outcome is not known.</summary>
internal sealed record BlueBubblesSendPart
{
    public required string TempGuid { get; init; }

    public required long AttemptedAt { get; init; }

    public string? Guid { get; init; }
}
