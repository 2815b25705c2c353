namespace Tapback.Agent.Tools;

/// <summary>Which tools of an MCP server wait for the person's approval.</summary>
internal enum McpApprovalMode
{
    /// <summary>Tools the server annotates <c>destructiveHint: true</c>.</summary>
    Destructive,

    Always,

    Never,
}
