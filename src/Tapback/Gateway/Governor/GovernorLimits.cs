namespace Tapback.Gateway.Governor;

/// <summary>The limits one transport instance's agent sends keep to: <c>Tapback:Governor</c> with the instance's overrides. 0 is off.</summary>
internal sealed record GovernorLimits(int UnansweredLimit, int PerRecipientPerMinute, int NewConversationsPerDay, int OutboundRatio, int OutboundRatioFloor)
{
    /// <summary>The same limits with <paramref name="key"/> (one of <see cref="GovernorOptions.LimitKeys"/>) set to <paramref name="value"/>.</summary>
    public GovernorLimits With(string key, int value) => key switch
    {
        nameof(UnansweredLimit) => this with { UnansweredLimit = value },
        nameof(PerRecipientPerMinute) => this with { PerRecipientPerMinute = value },
        nameof(NewConversationsPerDay) => this with { NewConversationsPerDay = value },
        nameof(OutboundRatio) => this with { OutboundRatio = value },
        nameof(OutboundRatioFloor) => this with { OutboundRatioFloor = value },
        _ => throw new ArgumentOutOfRangeException(nameof(key), key, "Not a governor limit."),
    };
}
