using System.Globalization;

namespace Tapback.Bench;

/// <summary>
/// The targets a benchmark is held to (issue 23), each printed met or missed with its ratio, in one
/// format for every benchmark: "ratio" is how far past the target the figure is when above 1 and how
/// far short when below (measured ÷ target for a floor, target ÷ measured for a ceiling), so a reader
/// can compare two runs line by line.
/// </summary>
internal sealed class TargetReport(string benchmark)
{
    private readonly List<(bool Met, string Line)> _targets = [];

    /// <summary>A floor: <paramref name="measured"/> must be at least <paramref name="target"/>.</summary>
    public void AtLeast(string what, double measured, double target, string unit) =>
        Add(what, measured >= target, measured / target, measured, "≥", target, unit);

    /// <summary>A ceiling: <paramref name="measured"/> must be at most <paramref name="limit"/>.</summary>
    public void AtMost(string what, double measured, double limit, string unit) =>
        Add(what, measured <= limit, measured <= 0 ? double.PositiveInfinity : limit / measured, measured, "≤", limit, unit);

    /// <summary>A figure that must stay within <paramref name="spread"/> (a fraction) of a baseline measured in the same run.</summary>
    public void Flat(string what, double measured, double baseline, double spread, string unit)
    {
        var growth = baseline <= 0 ? double.PositiveInfinity : measured / baseline;
        var met = growth <= 1 + spread;
        _targets.Add((met, string.Create(
            CultureInfo.InvariantCulture,
            $"- {(met ? "met" : "MISSED")}: {what}: {measured:0.###} {unit} against {baseline:0.###} {unit} ({growth:0.00}× the baseline; target ≤ {1 + spread:0.00}×)")));
    }

    /// <summary>Prints every target, then one line saying whether all were met; returns how many were missed.</summary>
    public int Print()
    {
        Console.WriteLine();
        Console.WriteLine($"Targets ({benchmark}):");
        foreach (var (_, line) in _targets)
        {
            Console.WriteLine(line);
        }

        var missed = _targets.Count(target => !target.Met);
        Console.WriteLine(missed == 0 ? $"All {_targets.Count} targets met." : $"{missed} of {_targets.Count} targets missed.");
        return missed;
    }

    private void Add(string what, bool met, double ratio, double measured, string relation, double target, string unit) =>
        _targets.Add((met, string.Create(
            CultureInfo.InvariantCulture,
            $"- {(met ? "met" : "MISSED")}: {what}: {measured:0.###} {unit} (target {relation} {target:0.###} {unit}; ratio {ratio:0.00})")));
}
