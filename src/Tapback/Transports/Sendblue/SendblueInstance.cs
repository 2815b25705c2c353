namespace Tapback.Transports.Sendblue;

/// <summary>One configured Sendblue instance's parts; the inbound side is built on first use (the inbox resolves the transports).</summary>
internal sealed record SendblueInstance(SendblueTransport Transport, Lazy<SendblueInbound> Inbound);
