using Tapback.Bench;

// Usage: dotnet run -c Release --project bench/Tapback.Bench -- [ingest|overhead|memory|prompt] [arguments]
// ingest (the default): [path/to/Tapback.dll] [seconds per step]. The others: see BenchCommands.
string[] subcommands = ["ingest", "overhead", "memory", "prompt"];
var command = args.Length > 0 && subcommands.Contains(args[0]) ? args[0] : "ingest";
var rest = args.Length > 0 && args[0] == command ? args[1..] : args;
if (command != "ingest")
{
    return await BenchCommands.RunAsync(command, rest);
}

var tapbackDll = rest.Length > 0 ? rest[0] : Path.GetFullPath("src/Tapback/bin/Release/net10.0/Tapback.dll");
var seconds = rest.Length > 1 ? double.Parse(rest[1], System.Globalization.CultureInfo.InvariantCulture) : 5;
return await IngestBenchmark.RunAsync(tapbackDll, TimeSpan.FromSeconds(seconds));
