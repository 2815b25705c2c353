using Tapback.Gateway.Inbox;
using Tapback.Transports.MacMessages.ChatDb;

namespace Tapback.Transports.MacMessages;

/// <summary>
/// Edits and unsends of the person's messages. Messages changes the row in place (<c>date_edited</c>,
/// <c>date_retracted</c>, the new text), so the ROWID cursor never sees them: each poll asks chat.db
/// for rows sent within Apple's edit window that changed since the newest change already passed on.
/// That reads through the <c>date</c> index, a handful of rows at most. The mark lives in memory: after
/// a restart the window is read once more, and the inbox's dedupe on each change's event id (the guid
/// and its edit time) turns what was already passed on into nothing.
/// </summary>
internal sealed partial class MacMessagesChanges(
    string name,
    MacChatDatabase chatDb,
    MacMessagesStore store,
    Inbox inbox,
    TimeProvider time,
    ILogger<MacMessagesChanges> logger)
{
    /// <summary>Apple allows edits for 15 minutes after the send (unsends for 2); a little more covers the Mac's clock.</summary>
    internal static readonly TimeSpan Window = TimeSpan.FromMinutes(20);

    private long _changedAfter;

    public async Task ScanAsync(CancellationToken cancellationToken = default)
    {
        var sentSince = AppleTime.ToNanoseconds(time.GetUtcNow() - Window);
        foreach (var row in await chatDb.ChangedAsync(sentSince, _changedAfter, cancellationToken))
        {
            await ReceiveAsync(row, cancellationToken);
            _changedAfter = Math.Max(_changedAfter, Math.Max(row.DateEdited, row.DateRetracted));
        }
    }

    private async Task ReceiveAsync(ChatDbRow row, CancellationToken cancellationToken)
    {
        // A row the cursor has not reached yet is stored with its text as it is now; one Tapback never
        // stored (history, a tapback, an empty row) has nothing to change.
        if (await store.MessageIdOfAsync(name, row.Guid, cancellationToken) is not { } messageId)
        {
            return;
        }

        // An unsend sets date_edited as well: date_retracted decides.
        var changed = row.DateRetracted > 0
            ? await inbox.ReceiveUnsendAsync(new InboundUnsend { Transport = name, EventId = $"{row.Guid}:unsent", MessageId = messageId }, cancellationToken)
            : await inbox.ReceiveEditAsync(
                new InboundEdit { Transport = name, EventId = $"{row.Guid}:edited:{row.DateEdited}", MessageId = messageId, Text = row.EditedBody() },
                cancellationToken);
        if (changed)
        {
            LogChanged(logger, name, row.RowId, row.DateRetracted > 0 ? "unsent" : "edited");
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "MacMessages transport {Transport}: chat.db row {RowId} was {Change} by its sender.")]
    private static partial void LogChanged(ILogger logger, string transport, long rowId, string change);
}
