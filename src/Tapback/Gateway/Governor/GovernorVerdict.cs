namespace Tapback.Gateway.Governor;

/// <summary>
/// The governor's answer for one send: a hold, or what to count when it goes. While it is not disposed
/// it keeps the send's gateway number to itself in this process (its turn): the number's limits
/// (new conversations, the ratio) are judged and the send counted before another send on the same
/// number is judged, so sends of several conversations at once cannot all pass the last free place.
/// The dispatcher disposes it once the send is marked in flight, or held.
/// </summary>
internal sealed class GovernorVerdict(HoldDecision? hold, GovernorTally? tally, SemaphoreSlim? turn) : IDisposable
{
    private SemaphoreSlim? _turn = turn;

    public static GovernorVerdict Go { get; } = new(null, null, null);

    public HoldDecision? Hold => hold;

    /// <summary>What to count when the send is handed to its transport; null when its transport is not governed.</summary>
    public GovernorTally? Tally => tally;

    public void Dispose() => Interlocked.Exchange(ref _turn, null)?.Release();
}
