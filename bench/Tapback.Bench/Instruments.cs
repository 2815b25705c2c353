namespace Tapback.Bench;

/// <summary>The histograms of Tapback's "Tapback" meter the overhead benchmark reads (see docs/metrics.md).</summary>
internal static class Instruments
{
    public const string ToAgent = "tapback.inbound.to_agent";
    public const string ToTyping = "tapback.inbound.to_typing";
    public const string TurnToTyping = "tapback.agent.turn_to_typing";
}
