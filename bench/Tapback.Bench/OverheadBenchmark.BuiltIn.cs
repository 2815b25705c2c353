namespace Tapback.Bench;

/// <summary>The built-in agent's targets in the overhead benchmark (issue 23), from Tapback's own meter.</summary>
internal static partial class OverheadBenchmark
{
    // At 1,000 messages a second the built-in agent keeps up: a turn starts at most 50 ms (p99) after its
    // message was accepted, and the outbox keeps up with it: the turn's typing is handed to the transport
    // at most 100 ms (p99) after the turn started (the meter's turn_to_typing, per turn).
    private const double TargetRate = 1_000;
    private const double TurnStartP99 = 50;
    private const double TypingAfterTurnStartP99 = 100;

    private static void BuiltInTargets(TargetReport targets, double rate, Percentiles turnStart, Percentiles typingAfterTurnStart)
    {
        if (rate != TargetRate)
        {
            return;
        }

        targets.AtMost($"accepted → built-in turn start, p99 at {rate:N0} msg/s", turnStart.P99, TurnStartP99, "ms");
        targets.AtMost($"turn start → typing handed to the transport, p99 at {rate:N0} msg/s", typingAfterTurnStart.P99, TypingAfterTurnStartP99, "ms");
    }
}
