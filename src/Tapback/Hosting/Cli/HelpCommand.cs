namespace Tapback.Hosting.Cli;

/// <summary><c>tapback --help</c>: what the command does, for someone who just installed the dotnet tool.</summary>
internal static class HelpCommand
{
    public static bool Matches(string[] args) => args is ["--help"] or ["-h"] or ["-?"];

    public static int Run()
    {
        Console.Out.WriteLine($"""
            Tapback {ProductVersion.Release}: AI agents on iMessage.

            Usage: tapback [--urls http://127.0.0.1:5000] [--Tapback:Key=value ...]
            Runs the gateway and the built-in agent on its embedded defaults: a SQLite store in ./data
            (Tapback:DataDirectory), the phone simulator at /simulator, and the best model it finds
            (ANTHROPIC_API_KEY, OPENAI_API_KEY, a local Ollama, else the offline model). Settings also come
            from the environment (Tapback__Admin__Token=...). See docs/configuration.md.

            Usage: tapback --version
            Prints the version and the commit it was built from.

            Usage: tapback healthcheck [--url {HealthCheckCommand.DefaultUrl}]
            Exits 0 when that Tapback is ready, 1 otherwise (a container's health check).

            {McpStdioArguments.Usage}
            """);
        return 0;
    }
}
