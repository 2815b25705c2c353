namespace Tapback.Bench;

/// <summary>p50 and p99 of a set of latencies (nearest rank over every sample, no bucketing).</summary>
internal sealed record Percentiles(double P50, double P99, int Count)
{
    public static Percentiles Of(double[] milliseconds)
    {
        if (milliseconds.Length == 0)
        {
            return new Percentiles(double.NaN, double.NaN, 0);
        }

        var sorted = milliseconds.Order().ToArray();
        return new Percentiles(Rank(sorted, 0.50), Rank(sorted, 0.99), sorted.Length);
    }

    private static double Rank(double[] sorted, double quantile) =>
        sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Length) - 1, 0, sorted.Length - 1)];
}
