namespace Tapback.Transports.BlueBubbles.Api;

/// <summary>A sender: <c>address</c> is the phone number or email address, as Messages stores it.</summary>
internal sealed record BlueBubblesHandle
{
    public string? Address { get; init; }

    public string? Service { get; init; }
}
