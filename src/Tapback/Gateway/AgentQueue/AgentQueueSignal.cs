namespace Tapback.Gateway.AgentQueue;

/// <summary>
/// Wakes the workers of the agent queue when a row was added. Only a nudge: the rows are the truth,
/// and workers also poll, so a lost nudge delays work but never loses it.
/// </summary>
internal sealed class AgentQueueSignal : WakeSignal;
