using Tapback.AgentLink.Rest;

namespace Tapback.AgentLink.Mcp;

/// <summary>One chat in <c>list_conversations</c>: the REST fields plus what an agent triages by.</summary>
internal sealed record McpConversation
{
    public required string Id { get; init; }

    /// <summary>The person's handle in a one-to-one chat; the group's chat id otherwise.</summary>
    public required string Handle { get; init; }

    public required bool IsGroup { get; init; }

    public string? GroupName { get; init; }

    public required string Transport { get; init; }

    public required DateTimeOffset LastMessageAt { get; init; }

    /// <summary>Inbound messages since the agent last marked the chat read or wrote in it.</summary>
    public required int UnreadCount { get; init; }

    public MessageDto? LastMessage { get; init; }
}
