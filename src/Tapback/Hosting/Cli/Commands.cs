namespace Tapback.Hosting.Cli;

/// <summary>
/// The commands <c>tapback</c> runs instead of the gateway: each is recognised by its first arguments, so
/// anything else (<c>--urls</c>, <c>--Tapback:…</c>) still starts the server as before.
/// </summary>
internal static class Commands
{
    /// <summary>The exit code of the command <paramref name="args"/> name, or null to start the gateway.</summary>
    public static async Task<int?> TryRunAsync(string[] args)
    {
        if (VersionCommand.Matches(args))
        {
            return VersionCommand.Run();
        }

        if (HelpCommand.Matches(args))
        {
            return HelpCommand.Run();
        }

        if (HealthCheckCommand.Matches(args))
        {
            return await HealthCheckCommand.RunAsync(args);
        }

        // `tapback mcp --stdio …` is a small MCP client of a running Tapback, not the gateway itself.
        if (McpStdioCommand.Matches(args))
        {
            return await McpStdioCommand.RunAsync(args);
        }

        return null;
    }
}
