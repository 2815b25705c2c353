using System.Data.Common;
using Tapback.Messaging;

namespace Tapback.Gateway.Outbox;

/// <summary>
/// A transport whose sends are rows of the gateway's own store (the simulator's phones). Such a send
/// is written inside the outbox's write that records it done, so the two commit together or not at
/// all: no in-flight mark is needed before it (a crash leaves the row queued and the phone without the
/// line), and one write carries out every such row a claim took that no pause separates.
/// </summary>
internal interface IStoreTransport
{
    /// <summary>
    /// The action as a write into the store, or null when this action goes through
    /// <see cref="IMessageTransport.ExecuteAsync"/> (one that must first read what the phone shows,
    /// such as an edit, which is refused when the bubble is not there).
    /// </summary>
    Task<StoreSend?> PrepareAsync(OutboundAction action, CancellationToken cancellationToken = default);
}

/// <summary>A send written into the outbox's transaction.</summary>
/// <param name="ProviderId">What <see cref="IMessageTransport.ExecuteAsync"/> would have returned.</param>
/// <param name="WriteAsync">Writes the send with the transaction it is given; may run twice (a group commit's retry).</param>
/// <param name="AfterCommit">In-memory fan-out of what was written, after COMMIT and in store order.</param>
internal sealed record StoreSend(
    string? ProviderId,
    Func<DbConnection, DbTransaction, CancellationToken, Task> WriteAsync,
    Action AfterCommit);
