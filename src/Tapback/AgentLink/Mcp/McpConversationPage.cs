namespace Tapback.AgentLink.Mcp;

internal sealed record McpConversationPage
{
    public required IReadOnlyList<McpConversation> Conversations { get; init; }

    /// <summary>Pass as <c>cursor</c> for the next (older) page; null on the last page.</summary>
    public string? NextCursor { get; init; }
}
