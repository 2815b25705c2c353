using System.Data.Common;

namespace Tapback.Gateway.Inbox;

/// <summary>
/// A feature that looks at every inbound message given to an agent, inside the inbox's transaction,
/// after the message and its queue row are written (the loop breaker, Gateway/Governor/Loops). What it
/// writes commits with the message or not at all; the inbox reads none of its tables.
/// </summary>
internal interface IInboundWatch
{
    /// <summary>Returns whether it wrote a webhook delivery (the webhook worker is then woken after COMMIT).</summary>
    Task<bool> WatchAsync(DbConnection connection, DbTransaction transaction, WatchedInbound message, CancellationToken cancellationToken);
}
