using Tapback.Hosting;
using Tapback.Hosting.Cli;

if (VersionCommand.Matches(args))
{
    return VersionCommand.Run();
}

if (HelpCommand.Matches(args))
{
    return HelpCommand.Run();
}

// `tapback mcp --stdio …` is a small MCP client of a running Tapback, not the gateway itself.
if (McpStdioCommand.Matches(args))
{
    return await McpStdioCommand.RunAsync(args);
}

var app = TapbackApp.Build(args);
await app.RunAsync();
return 0;
