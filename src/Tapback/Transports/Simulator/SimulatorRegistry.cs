namespace Tapback.Transports.Simulator;

/// <summary>The simulator instances; the phone page and its API serve the first one.</summary>
internal sealed class SimulatorRegistry(IEnumerable<SimulatorInstance> instances)
{
    private readonly IReadOnlyList<SimulatorInstance> _instances = [.. instances];

    public bool Any => _instances.Count > 0;

    public SimulatorInstance Default => _instances.Count > 0
        ? _instances[0]
        : throw new InvalidOperationException("No simulator transport is configured; add one under Tapback:Transports with Kind = Simulator.");
}
