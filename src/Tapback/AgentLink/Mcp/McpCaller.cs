using Tapback.Gateway.Integrations;

namespace Tapback.AgentLink.Mcp;

/// <summary>The integration an MCP request authenticated as, put on the request by <see cref="McpGate"/>.</summary>
internal static class McpCaller
{
    private static readonly object Key = new();

    public static void Set(HttpContext context, Integration integration) => context.Items[Key] = integration;

    public static Integration Of(HttpContext? context) =>
        context?.Items[Key] as Integration ?? throw new InvalidOperationException("An MCP tool ran outside a request that McpGate let in.");
}
