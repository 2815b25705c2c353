namespace Tapback.Transports.MacMessages.ChatDb;

/// <summary>
/// chat.db times count from 2001-01-01 UTC: in nanoseconds since macOS 10.13, in seconds before.
/// A value too large to be seconds (later than year 5000) is read as nanoseconds.
/// </summary>
internal static class AppleTime
{
    public static readonly DateTimeOffset Epoch = new(2001, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private const long SecondsLimit = 100_000_000_000;

    public static DateTimeOffset? ToDateTimeOffset(long? value)
    {
        if (value is not { } raw || raw <= 0)
        {
            return null;
        }

        return raw > SecondsLimit
            ? Epoch.AddTicks(raw / 100)
            : Epoch.AddSeconds(raw);
    }

    /// <summary>Modern chat.db form (nanoseconds).</summary>
    public static long ToNanoseconds(DateTimeOffset at) => (at - Epoch).Ticks * 100;
}
