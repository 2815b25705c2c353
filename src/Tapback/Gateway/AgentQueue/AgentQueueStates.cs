namespace Tapback.Gateway.AgentQueue;

/// <summary>The <c>agent_queue.state</c> values.</summary>
internal static class AgentQueueStates
{
    public const string Pending = "pending";
    public const string Done = "done";

    /// <summary>Fell off a bounded queue (too old, or too many); counted on the integration and logged.</summary>
    public const string Expired = "expired";

    /// <summary>Dropped on purpose: resumed with discard, re-paired, or deleted.</summary>
    public const string Discarded = "discarded";
}
