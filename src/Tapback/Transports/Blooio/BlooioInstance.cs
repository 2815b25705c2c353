namespace Tapback.Transports.Blooio;

/// <summary>One configured Blooio instance's parts, so its transport, receiver and catch-up share them.</summary>
internal sealed record BlooioInstance(BlooioTransport Transport, Lazy<BlooioInbound> Inbound);
