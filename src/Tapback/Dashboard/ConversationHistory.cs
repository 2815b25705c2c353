namespace Tapback.Dashboard;

/// <summary>A conversation's history (or one session's), oldest first, as the dashboard draws it.</summary>
internal sealed record ConversationHistory
{
    public required ConversationSummary Conversation { get; init; }
    public string? SessionId { get; init; }
    public required IReadOnlyList<HistoryItem> Items { get; init; }

    /// <summary>True when older messages were left out; the view shows the newest.</summary>
    public required bool Truncated { get; init; }
}
