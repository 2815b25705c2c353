namespace Tapback.Dashboard;

/// <summary>Something that went wrong lately: an agent turn, a send, or a webhook delivery.</summary>
internal sealed record RecentError(DateTimeOffset At, string Source, string Detail, string? ConversationId);
