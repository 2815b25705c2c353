namespace Tapback.Dashboard;

/// <summary>A guarded tool call asked on a bubble, and what became of it.</summary>
internal sealed record HistoryApproval
{
    public required string ToolName { get; init; }
    public required string Arguments { get; init; }

    /// <summary>pending, approved, denied, expired or cancelled.</summary>
    public required string State { get; init; }

    public string? DecidedBy { get; init; }
    public DateTimeOffset? DecidedAt { get; init; }
}
