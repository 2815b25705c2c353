namespace Tapback.AgentLink.Mcp;

/// <summary>The MCP server at <c>/mcp</c>: <c>Tapback:Mcp</c>.</summary>
internal sealed class McpOptions
{
    public const string SectionName = "Tapback:Mcp";

    /// <summary>
    /// Host names (beside localhost, 127.0.0.1 and [::1]) that <c>/mcp</c> answers for, checked on the
    /// Host and Origin headers against DNS rebinding; <c>*</c> allows any. Set the public name when
    /// Tapback is reached by one, e.g. <c>tapback.example.com</c>.
    /// </summary>
    public IList<string> AllowedHosts { get; } = [];
}
