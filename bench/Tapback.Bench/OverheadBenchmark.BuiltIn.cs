namespace Tapback.Bench;

/// <summary>The built-in agent's targets in the overhead benchmark (issue 23), from Tapback's own meter.</summary>
internal static partial class OverheadBenchmark
{
    // At 1,000 messages a second the built-in agent keeps up: a turn starts at most 50 ms (p99) after its
    // message was accepted, and its typing is handed to the transport at most 100 ms after the turn
    // started. The meter times typing from acceptance, not from the turn's start, so the bench holds the
    // sum of the two: a typing p99 within 150 ms of acceptance.
    private const double TargetRate = 1_000;
    private const double TurnStartP99 = 50;
    private const double TypingAfterTurnStartP99 = 100;

    private static void BuiltInTargets(TargetReport targets, double rate, Percentiles turnStart, Percentiles typing)
    {
        if (rate != TargetRate)
        {
            return;
        }

        targets.AtMost($"accepted → built-in turn start, p99 at {rate:N0} msg/s", turnStart.P99, TurnStartP99, "ms");
        targets.AtMost($"accepted → typing handed to the transport, p99 at {rate:N0} msg/s (turn start's 50 ms + typing's 100 ms)", typing.P99, TurnStartP99 + TypingAfterTurnStartP99, "ms");
    }
}
