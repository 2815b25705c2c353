using Tapback.Bench;

// Ingest: Tapback's simulator endpoint against two baselines measured in the same run.
// Usage: dotnet run -c Release --project bench/Tapback.Bench -- [path/to/Tapback.dll] [seconds per step]
var tapbackDll = args.Length > 0 ? args[0] : Path.GetFullPath("src/Tapback/bin/Release/net10.0/Tapback.dll");
var seconds = args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5;
return await IngestBenchmark.RunAsync(tapbackDll, TimeSpan.FromSeconds(seconds));
