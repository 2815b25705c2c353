namespace Tapback.Messaging;

/// <summary>
/// A transport that can say whether a handle is on iMessage (<see cref="TransportCapabilities.HandleLookup"/>):
/// BlueBubbles' <c>/handle/availability/imessage</c>, the hosted providers' lookups. The action core
/// asks it and keeps the answer; a transport without it is never asked.
/// </summary>
internal interface IHandleLookup
{
    /// <summary>True on iMessage, false SMS only, null when the provider cannot tell.
    /// Throws <see cref="TransportException"/> when the provider fails.</summary>
    Task<bool?> IsOnIMessageAsync(string handle, CancellationToken cancellationToken = default);
}
