namespace Tapback.AgentLink.Webhooks;

/// <summary>How many deliveries a replay queued again.</summary>
internal sealed record ReplayResult(int Replayed);
