namespace Tapback.Transports.Simulator;

/// <summary>Settings of a simulator instance (<c>Tapback:Transports:&lt;name&gt;</c> with <c>Kind = Simulator</c>).</summary>
internal sealed class SimulatorOptions
{
    /// <summary>The largest file a simulated phone may send.</summary>
    public long MaxAttachmentBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>The longest text a simulated phone may send, in characters.</summary>
    public int MaxTextLength { get; set; } = 20_000;

    /// <summary>
    /// The largest body of <c>POST /api/simulator/messages</c>: one file of <see cref="MaxAttachmentBytes"/>
    /// in base64 and 1 MiB for the rest (text, names, several smaller files).
    /// </summary>
    public long MaxMessageBodyBytes => ((MaxAttachmentBytes + 2) / 3 * 4) + (1024 * 1024);
}
