using Tapback.AgentLink.Rest;

namespace Tapback.AgentLink.Mcp;

internal sealed record McpMessagePage
{
    public required string ConversationId { get; init; }

    /// <summary>Oldest first, as a transcript reads.</summary>
    public required IReadOnlyList<MessageDto> Messages { get; init; }

    /// <summary>True when older messages exist: pass the first message's <c>created_at</c> as <c>before</c>.</summary>
    public required bool HasMore { get; init; }
}
