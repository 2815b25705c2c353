namespace Tapback.AgentLink.Frames;

/// <summary>(extension) <c>transport.degraded</c>: the bridge the agent's phone is on looks stalled, since when and why.</summary>
internal sealed record TransportDegradedData(string Transport, string Reason, DateTimeOffset Since);
