using ModelContextProtocol.Client;

namespace Tapback.Agent.Tools.Mcp;

/// <summary>A connected MCP server and the tools it listed.</summary>
internal sealed record McpServerConnection(McpClient Client, IReadOnlyList<McpClientTool> Tools);
