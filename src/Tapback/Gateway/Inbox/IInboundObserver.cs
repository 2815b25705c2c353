using System.Data.Common;

namespace Tapback.Gateway.Inbox;

/// <summary>
/// A feature that acts on a person's message inside the inbox's transaction that stores it (the send
/// governor counts it and releases the sends that waited for an answer). The inbox never reads or
/// writes the feature's tables; the feature never sees the message's text.
/// </summary>
internal interface IInboundObserver
{
    /// <summary>Returns true when it queued outbox rows again: the inbox wakes the dispatcher after the commit.</summary>
    Task<bool> PersonWroteAsync(DbConnection connection, DbTransaction transaction, string transport, string conversationId, long now, CancellationToken cancellationToken);
}
