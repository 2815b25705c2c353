namespace Tapback.Bench;

/// <summary>One path at one rate: how many messages were sent, how fast they were started, and the latencies of those that arrived.</summary>
internal sealed record PhaseResult(int Sent, double StartedPerSecond, Percentiles Percentiles, IReadOnlyList<long> Ids);
