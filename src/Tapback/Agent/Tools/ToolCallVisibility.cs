using Microsoft.Extensions.Options;
using Tapback.Gateway.Conversations;

namespace Tapback.Agent.Tools;

/// <summary>
/// Whether a conversation sees each tool call as a bubble. Today the global
/// <c>Tapback:Agent:ShowToolCalls</c>; the seam where a per-integration setting takes over.
/// </summary>
internal sealed class ToolCallVisibility(IOptionsMonitor<AgentToolsOptions> options)
{
    public bool ShowToolCalls(Conversation conversation)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        return options.CurrentValue.ShowToolCalls;
    }
}
