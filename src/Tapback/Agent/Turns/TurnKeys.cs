namespace Tapback.Agent.Turns;

/// <summary>
/// The idempotency keys of a turn's outbox rows, named by the turn's first queue row: a retried turn
/// writes the same keys, so nothing it already wrote is written twice.
/// </summary>
internal static class TurnKeys
{
    public static string Of(long firstSeq) => $"turn:{firstSeq}";

    /// <summary>The turn's typing indicator (the metrics watch this row to time typing).</summary>
    public static string Typing(string turnKey) => $"{turnKey}:typing";
}
