using System.Globalization;

namespace Tapback.Bench;

/// <summary>
/// The overhead, memory and prompt benchmarks' command line: <c>--name value</c> pairs, each with a
/// default short enough for a run under a minute on a quiet machine.
/// </summary>
internal static class BenchCommands
{
    public static async Task<int> RunAsync(string command, string[] args)
    {
        var options = Parse(args);
        var dll = options.TryGetValue("dll", out var given) ? Path.GetFullPath(given) : DefaultDll();
        if (!File.Exists(dll))
        {
            Console.Error.WriteLine($"No Tapback at {dll}; build it first: dotnet build -c Release src/Tapback (or pass --dll path/to/Tapback.dll).");
            return 2;
        }

        return command switch
        {
            "overhead" => await OverheadBenchmark.RunAsync(dll, TimeSpan.FromSeconds(Number(options, "seconds", 5)), (int)Number(options, "phones", 200), Paths(options) == "all"),
            "turns" => await TurnsBenchmark.RunAsync(dll, TimeSpan.FromSeconds(Number(options, "seconds", 20)), (int)Number(options, "phones", 200)),
            "memory" => await MemoryBenchmark.RunAsync(dll, Counts(options.GetValueOrDefault("conversations", "10000"))),
            "prompt" => await PromptBenchmark.RunAsync(dll, (int)Number(options, "messages", 1000)),
            "scale" => await ScaleBenchmark.RunAsync(
                dll, Counts(options.GetValueOrDefault("conversations", "1000,100000")), (int)Number(options, "backlog", 10000), TimeSpan.FromSeconds(Number(options, "seconds", 10))),
            "nodes" => await NodesBenchmark.RunAsync(
                dll, TimeSpan.FromSeconds(Number(options, "seconds", 5)), (int)Number(options, "nodes", 3), (int)Number(options, "connections", 64), options.GetValueOrDefault("connection")),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command, "Use ingest, overhead, turns, memory, prompt, scale or nodes."),
        };
    }

    // dotnet run starts the bench in its project folder; the Release build is found from any folder of the repository.
    private static string DefaultDll()
    {
        const string relative = "src/Tapback/bin/Release/net10.0/Tapback.dll";
        for (var folder = new DirectoryInfo(Environment.CurrentDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, relative)))
            {
                return Path.Combine(folder.FullName, relative);
            }
        }

        return Path.GetFullPath(relative);
    }

    private static Dictionary<string, string> Parse(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Expected --name value, got '{args[i]}'.", nameof(args));
            }

            options[args[i][2..]] = args[i + 1];
        }

        return options;
    }

    private static double Number(Dictionary<string, string> options, string name, double fallback) =>
        options.TryGetValue(name, out var text) ? double.Parse(text, CultureInfo.InvariantCulture) : fallback;

    // overhead --paths websocket: only the baseline and the paired agent's WebSocket (no built-in agent or typing rows).
    private static string Paths(Dictionary<string, string> options) =>
        options.GetValueOrDefault("paths", "all") is var paths and ("all" or "websocket")
            ? paths
            : throw new ArgumentException("--paths is all or websocket.", nameof(options));

    private static int[] Counts(string text) =>
        [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(count => int.Parse(count, CultureInfo.InvariantCulture))];
}
