namespace Tapback.Gateway.Outbox;

/// <summary>Wakes the outbox dispatcher when rows were written; rows are the truth, the dispatcher also polls.</summary>
internal sealed class OutboxSignal : WakeSignal;
