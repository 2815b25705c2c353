namespace Tapback.Transports.Simulator;

/// <summary>Settings of a simulator instance (<c>Tapback:Transports:&lt;name&gt;</c> with <c>Kind = Simulator</c>).</summary>
internal sealed class SimulatorOptions
{
    /// <summary>The largest file a simulated phone may send.</summary>
    public long MaxAttachmentBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>The longest text a simulated phone may send, in characters.</summary>
    public int MaxTextLength { get; set; } = 20_000;
}
