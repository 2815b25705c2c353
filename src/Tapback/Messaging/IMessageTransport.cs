namespace Tapback.Messaging;

/// <summary>
/// The seam to iMessage. A transport carries out outbound actions and delivers inbound events to
/// the gateway's inbox; it never talks to an agent. Named plug-ins, chosen by configuration.
/// </summary>
internal interface IMessageTransport
{
    /// <summary>The configured instance name, unique across transports.</summary>
    string Name { get; }

    /// <summary>The kind of transport (Simulator, BlueBubbles, …), as configuration names it.</summary>
    string Kind { get; }

    TransportCapabilities Capabilities { get; }

    /// <summary>
    /// Carries out one action. Returns the provider's id for a sent message when it has one.
    /// Throws <see cref="TransportException"/> for a failure the provider reported.
    /// </summary>
    Task<string?> ExecuteAsync(OutboundAction action, CancellationToken cancellationToken = default);
}
