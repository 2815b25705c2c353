using System.Globalization;

namespace Tapback.Bench;

/// <summary>The command line: <c>Tapback.dll [seconds per step] [--store sqlite|postgres] [--connection …] [--scenario paired|strangers] [--connections 1,16,64]</c>.</summary>
internal sealed record BenchArguments
{
    public required string TapbackDll { get; init; }

    public TimeSpan Step { get; init; } = TimeSpan.FromSeconds(5);

    public string Store { get; init; } = "sqlite";

    /// <summary>A PostgreSQL server to use instead of starting a throwaway cluster.</summary>
    public string? Connection { get; init; }

    public string Scenario { get; init; } = "paired";

    /// <summary>The connection counts to step through (<c>--connections 64</c> or <c>1,16,64</c>, the default).</summary>
    public IReadOnlyList<int> Connections { get; init; } = [1, 16, 64];

    public static BenchArguments Parse(string[] args)
    {
        var positional = new List<string>();
        var named = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var index = 0; index < args.Length; index++)
        {
            if (args[index].StartsWith("--", StringComparison.Ordinal) && index + 1 < args.Length)
            {
                named[args[index][2..]] = args[++index];
            }
            else
            {
                positional.Add(args[index]);
            }
        }

        var store = named.GetValueOrDefault("store", "sqlite");
        var scenario = named.GetValueOrDefault("scenario", "paired");
        if (store is not ("sqlite" or "postgres") || scenario is not ("paired" or "strangers"))
        {
            throw new ArgumentException("--store is sqlite or postgres; --scenario is paired or strangers.");
        }

        return new BenchArguments
        {
            TapbackDll = Path.GetFullPath(positional.Count > 0 ? positional[0] : "src/Tapback/bin/Release/net10.0/Tapback.dll"),
            Step = TimeSpan.FromSeconds(positional.Count > 1 ? double.Parse(positional[1], CultureInfo.InvariantCulture) : 5),
            Store = store,
            Connection = named.GetValueOrDefault("connection"),
            Scenario = scenario,
            Connections = named.TryGetValue("connections", out var counts)
                ? [.. counts.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(count => int.Parse(count, CultureInfo.InvariantCulture))]
                : [1, 16, 64],
        };
    }
}
