using System.Data.Common;

namespace Tapback.Gateway.Outbox;

/// <summary>The open transaction of an outbox write, handed to a caller that commits its own rows with it.</summary>
/// <param name="MessageIds">The outbound message id of each message action, in order.</param>
/// <param name="Now">The write's time, in Unix milliseconds.</param>
internal sealed record OutboxTransaction(
    DbConnection Connection,
    DbTransaction Transaction,
    IReadOnlyList<string> MessageIds,
    long Now,
    CancellationToken CancellationToken);
