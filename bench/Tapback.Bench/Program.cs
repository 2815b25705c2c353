using Tapback.Bench;

// Usage: dotnet run -c Release --project bench/Tapback.Bench -- [ingest|overhead|turns|memory|prompt|scale|nodes] [arguments]
// ingest (the default): /abs/path/Tapback.dll [seconds per step] [--store sqlite|postgres] [--connection "Host=…"]
// [--scenario paired|strangers] (see docs/benchmarks.md; bench/ingest.sh builds and runs it). The others: see BenchCommands.
string[] subcommands = ["ingest", "overhead", "turns", "memory", "prompt", "scale", "nodes"];
var command = args.Length > 0 && subcommands.Contains(args[0]) ? args[0] : "ingest";
var rest = args.Length > 0 && args[0] == command ? args[1..] : args;
if (command != "ingest")
{
    return await BenchCommands.RunAsync(command, rest);
}

return await IngestBenchmark.RunAsync(BenchArguments.Parse(rest));
