namespace Tapback.Transports.Simulator;

/// <summary>A configured simulator transport with its settings.</summary>
internal sealed record SimulatorInstance(SimulatorTransport Transport, SimulatorOptions Options);
