using Tapback.Gateway.Integrations;

namespace Tapback.AgentLink.Frames;

/// <summary>
/// <c>connected</c>: the answer to <c>ready</c>. <see cref="QueuedCount"/> counts only the waiting
/// <c>message.received</c> frames, as clients of the hosted gateways read it (Superagent's connector
/// skips that many); <see cref="OtherQueuedCount"/> (an extension) counts the other waiting events.
/// <see cref="Settings"/> (an extension) carries the integration's operator settings, so an agent
/// runtime serving it can apply them.
/// </summary>
internal sealed record ConnectedData(
    long QueuedCount,
    bool Acks,
    string IntegrationId,
    IntegrationSettings? Settings = null,
    long OtherQueuedCount = 0);
