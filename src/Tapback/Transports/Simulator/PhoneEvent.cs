namespace Tapback.Transports.Simulator;

/// <summary>One thing a simulated phone saw, as the simulator's JSON API and stream show it.</summary>
internal sealed record PhoneEvent
{
    public required long Id { get; init; }

    /// <summary>message.sent | message.received | read | typing.started | typing.stopped | reaction.</summary>
    public required string Type { get; init; }

    public required DateTimeOffset At { get; init; }

    public string? MessageId { get; init; }

    public string? Text { get; init; }

    public string? Reaction { get; init; }

    public bool? Removed { get; init; }

    public required bool FromMe { get; init; }

    /// <summary>In a group chat, which phone sent a message.</summary>
    public string? From { get; init; }

    public IReadOnlyList<PhoneAttachment>? Attachments { get; init; }
}
