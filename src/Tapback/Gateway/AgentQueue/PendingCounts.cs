namespace Tapback.Gateway.AgentQueue;

/// <summary>A link's pending events: messages, and everything else (reactions, reports).</summary>
internal sealed record PendingCounts(long Messages, long Others);
