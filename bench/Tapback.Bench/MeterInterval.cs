namespace Tapback.Bench;

/// <summary>One histogram's figures over one refresh interval, as the runtime published them.</summary>
internal sealed record MeterInterval(string Instrument, string Tags, int Count, double P50, double P99);
