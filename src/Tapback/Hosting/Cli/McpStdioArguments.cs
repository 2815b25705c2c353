namespace Tapback.Hosting.Cli;

/// <summary>
/// <c>tapback mcp --stdio [--url URL] [--token TOKEN]</c>; the environment's <c>TAPBACK_URL</c> and
/// <c>TAPBACK_TOKEN</c> fill what the command line leaves out, so a token need not sit in a config file's args.
/// </summary>
internal sealed record McpStdioArguments
{
    public const string DefaultUrl = "http://localhost:5000";

    public const string Usage =
        "Usage: tapback mcp --stdio [--url http://localhost:5000] [--token <integration token or API key>]\n" +
        "Serves Tapback's MCP tools over stdio (for Claude Desktop, Claude Code, Cursor) by calling a running Tapback's /mcp.\n" +
        "TAPBACK_URL and TAPBACK_TOKEN are read when --url or --token is not given. See docs/mcp.md.";

    public required Uri Url { get; init; }

    public required string Token { get; init; }

    /// <summary>The arguments, or the sentence that says what is wrong.</summary>
    public static (McpStdioArguments? Arguments, string? Error) Parse(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        string? url = null, token = null;
        var stdio = false;
        for (var index = 1; index < args.Count; index++)
        {
            switch (args[index])
            {
                case "--stdio":
                    stdio = true;
                    break;
                case "--url" when index + 1 < args.Count:
                    url = args[++index];
                    break;
                case "--token" when index + 1 < args.Count:
                    token = args[++index];
                    break;
                case var other when other.StartsWith("--url=", StringComparison.Ordinal):
                    url = other["--url=".Length..];
                    break;
                case var other when other.StartsWith("--token=", StringComparison.Ordinal):
                    token = other["--token=".Length..];
                    break;
                default:
                    return (null, $"Unknown or incomplete argument '{args[index]}'.");
            }
        }

        if (!stdio)
        {
            return (null, "Say which transport: --stdio (the only one; Streamable HTTP is served by Tapback itself at /mcp).");
        }

        url ??= environment("TAPBACK_URL") is { Length: > 0 } fromEnvironment ? fromEnvironment : DefaultUrl;
        token ??= environment("TAPBACK_TOKEN");
        if (string.IsNullOrWhiteSpace(token))
        {
            return (null, "Give the integration token or an API key: --token <token>, or set TAPBACK_TOKEN.");
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return (null, $"--url is '{url}'; give Tapback's base address, e.g. {DefaultUrl}.");
        }

        return (new McpStdioArguments { Url = uri, Token = token.Trim() }, null);
    }
}
