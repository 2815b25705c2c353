using Tapback.Agent.Settings;
using Tapback.Gateway.Conversations;

namespace Tapback.Agent.Tools;

/// <summary>
/// Whether a conversation sees each tool call as a bubble: <c>Tapback:Agent:ShowToolCalls</c>, or the
/// setting of the integration the conversation arrived through.
/// </summary>
internal sealed class ToolCallVisibility(AgentSettingsResolver settings)
{
    public bool ShowToolCalls(Conversation conversation) => settings.For(conversation).ShowToolCalls;
}
