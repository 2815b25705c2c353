using Tapback.Gateway;

namespace Tapback.Transports.BlueBubbles;

/// <summary>Wakes one instance's catch-up early: the server said hello (it restarted, we may have missed webhooks).</summary>
internal sealed class BlueBubblesCatchUpSignal : WakeSignal;
