namespace Tapback.Dashboard;

/// <summary>A tapback that stands on a message (removed ones are left out).</summary>
internal sealed record HistoryReaction(string Sender, string Reaction);
