namespace Tapback.Gateway.Outbox.Pacing;

/// <summary>
/// <c>Tapback:Transports:&lt;name&gt;:Pacing</c>: how many messages one gateway number may send per
/// minute, hour and day. Apple flags numbers that send too much (a BlueBubbles bot was blocked for a
/// day after about 200 messages in an hour), so real transports start conservative. Null: no limit.
/// </summary>
internal sealed record PacingLimits
{
    public static PacingLimits None { get; } = new();

    /// <summary>The defaults for a transport that reaches real phones.</summary>
    public static PacingLimits Conservative { get; } = new() { PerMinute = 20, PerHour = 150, PerDay = 1000 };

    public int? PerMinute { get; init; }

    public int? PerHour { get; init; }

    public int? PerDay { get; init; }

    public bool IsUnlimited => PerMinute is null && PerHour is null && PerDay is null;

    public IEnumerable<(TimeSpan Window, int Limit)> Windows()
    {
        if (PerMinute is { } minute)
        {
            yield return (TimeSpan.FromMinutes(1), minute);
        }

        if (PerHour is { } hour)
        {
            yield return (TimeSpan.FromHours(1), hour);
        }

        if (PerDay is { } day)
        {
            yield return (TimeSpan.FromDays(1), day);
        }
    }
}
