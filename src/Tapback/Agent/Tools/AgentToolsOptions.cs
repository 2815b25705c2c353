namespace Tapback.Agent.Tools;

/// <summary>The built-in agent's tool settings, under <c>Tapback:Agent</c> beside <see cref="AgentOptions"/>.</summary>
internal sealed class AgentToolsOptions
{
    public const string SectionName = "Tapback:Agent";

    /// <summary>Send each tool call as its own short bubble before it runs. Off by default.</summary>
    public bool ShowToolCalls { get; set; }

    /// <summary>How long an approval bubble waits for its answer before it counts as denied.</summary>
    public TimeSpan ApprovalTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Tool names (built-in or from an MCP server) that run only after the person allows them.</summary>
    public IList<string> RequireApproval { get; } = [];

    /// <summary>The most tool-calling rounds one model answer may take.</summary>
    public int MaxToolRounds { get; set; } = 8;

    /// <summary>MCP servers whose tools the agent may call, by a name of your choice.</summary>
    public IDictionary<string, McpServerOptions> McpServers { get; } = new Dictionary<string, McpServerOptions>(StringComparer.OrdinalIgnoreCase);
}
