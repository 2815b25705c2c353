namespace Tapback.AgentLink.Mcp;

/// <summary>What a write tool queued: the chat, the messages it made or touched, and <c>queued</c>.</summary>
internal sealed record McpActionResult
{
    public required string ConversationId { get; init; }

    public IReadOnlyList<string>? MessageIds { get; init; }

    public string? MessageId { get; init; }

    public required string Status { get; init; }

    public string? Note { get; init; }
}
