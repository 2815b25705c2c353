namespace Tapback.Gateway.AgentQueue;

/// <summary>A conversation's pending events, leased to one worker until it completes or releases them.</summary>
internal sealed record AgentQueueBatch(string Link, string ConversationId, string LeaseOwner, IReadOnlyList<AgentQueueItem> Items)
{
    public long LastSeq => Items[^1].Seq;
}
