namespace Tapback.Agent.Tools;

/// <summary>One MCP server, <c>Tapback:Agent:McpServers:&lt;name&gt;</c>: either <see cref="Url"/> or <see cref="Command"/>.</summary>
internal sealed class McpServerOptions
{
    /// <summary>The server's Streamable HTTP (or SSE) endpoint.</summary>
    public Uri? Url { get; set; }

    /// <summary>Headers sent with every HTTP request, e.g. <c>Authorization</c>.</summary>
    public IDictionary<string, string> Headers { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The program to start for a stdio server.</summary>
    public string? Command { get; set; }

    public IList<string> Args { get; } = [];

    /// <summary>Environment variables for the stdio server, on top of Tapback's own.</summary>
    public IDictionary<string, string> Env { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Which of the server's tools need the person's approval: <c>Destructive</c> (default), <c>Always</c> or <c>Never</c>.</summary>
    public McpApprovalMode RequireApproval { get; set; } = McpApprovalMode.Destructive;
}
