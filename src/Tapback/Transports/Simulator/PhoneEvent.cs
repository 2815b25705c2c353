namespace Tapback.Transports.Simulator;

/// <summary>One thing a simulated phone saw, as the simulator's JSON API and stream show it.</summary>
internal sealed record PhoneEvent
{
    public required long Id { get; init; }

    /// <summary>message.sent | message.received | message.edited | message.unsent | read | typing.started | typing.stopped | reaction.</summary>
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

    /// <summary>On a message: the id of the message it answers inline (a threaded reply).</summary>
    public string? ReplyTo { get; init; }

    /// <summary>On a message: the bubble or screen effect it was sent with (<see cref="Messaging.MessageEffects"/> wire name).</summary>
    public string? Effect { get; init; }

    /// <summary>On a message: "SMS" when it went as a text message (an SMS-only phone); absent for iMessage.</summary>
    public string? Service { get; init; }
}
