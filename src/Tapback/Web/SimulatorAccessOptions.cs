namespace Tapback.Web;

/// <summary>Who may use the phone simulator when Tapback is on the network: <c>Tapback:Simulator</c>.</summary>
internal sealed class SimulatorAccessOptions
{
    public const string SectionName = "Tapback:Simulator";

    /// <summary>
    /// Opens the simulator page and API to anyone who reaches a network listener, without the admin
    /// credential. Whoever uses it texts the agent as any phone (on the operator's model key) and reads
    /// every simulator conversation. On loopback alone the simulator is open whatever this says.
    /// </summary>
    public bool AllowAnonymous { get; set; }
}
