namespace Tapback.AgentLink.Frames;

/// <summary>(extension) <c>transport.recovered</c>: the bridge works again since <see cref="Since"/>, after a degradation from <see cref="DegradedSince"/>.</summary>
internal sealed record TransportRecoveredData(string Transport, DateTimeOffset Since, DateTimeOffset DegradedSince);
