using System.Data.Common;

namespace Tapback.Gateway.Inbox;

/// <summary>
/// A transport's own write committed in the same unit as the inbound event (the simulator's phone-log
/// line), written once the event proved new, so a repeated event writes it once. One unit instead of
/// two saves a savepoint pair and a second commit wait per event, and an event that fails leaves
/// neither write behind.
/// </summary>
/// <param name="WriteAsync">Runs inside the event's transaction; throw to undo the whole event.</param>
/// <param name="AfterCommit">Runs on the writer after COMMIT, in store order, before the event's own signals.</param>
internal sealed record InboxCompanionWrite(
    Func<DbConnection, DbTransaction, CancellationToken, Task> WriteAsync,
    Action AfterCommit);
