namespace Tapback.AgentLink.Frames;

/// <summary><c>connected</c>: the answer to <c>ready</c>.</summary>
internal sealed record ConnectedData(long QueuedCount, bool Acks, string IntegrationId);
