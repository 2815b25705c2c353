using Microsoft.Extensions.Options;

namespace Tapback.Gateway.Actions;

/// <summary>
/// The clock of an agent's actions: whether a scheduled send's time may be taken (later than now, not
/// past <see cref="ActionOptions.MaxScheduleAhead"/>), and how long ago a message was sent.
/// </summary>
internal sealed class SendSchedule(TimeProvider time, IOptions<ActionOptions> options)
{
    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>The refusal of a send time in the past or too far ahead; null when it may be taken (or there is none).</summary>
    public ActionResult.Refused? Check(DateTimeOffset? sendAt)
    {
        if (sendAt is not { } at)
        {
            return null;
        }

        var now = time.GetUtcNow();
        return at <= now ? Refusals.SendAtPast(at, now)
            : at - now > options.Value.MaxScheduleAhead ? Refusals.SendAtTooFar(at, options.Value.MaxScheduleAhead)
            : null;
    }

    /// <summary>How long ago <paramref name="sentAt"/> (Unix ms) was.</summary>
    public TimeSpan Since(long sentAt) => time.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(sentAt);
}
