using Tapback.Bench;

// Ingest: Tapback's simulator endpoint against baselines measured in the same run (see docs/benchmarks.md).
// Usage: dotnet run -c Release --project bench/Tapback.Bench -- /abs/path/Tapback.dll [seconds per step]
//        [--store sqlite|postgres] [--connection "Host=…"] [--scenario paired|strangers]
return await IngestBenchmark.RunAsync(BenchArguments.Parse(args));
