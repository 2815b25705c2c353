using Tapback.Hosting;
using Tapback.Hosting.Cli;

// `tapback --version`, `--help`, `healthcheck` and `mcp --stdio` are commands, not the gateway.
if (await Commands.TryRunAsync(args) is { } exitCode)
{
    return exitCode;
}

var app = TapbackApp.Build(args);
await app.RunAsync();
return 0;
