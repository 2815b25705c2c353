using Tapback.Messaging;
using Tapback.Transports.MacMessages.ChatDb;

namespace Tapback.Transports.MacMessages;

internal sealed partial class MacMessagesTransport
{
    private readonly Lock _unconfirmedLock = new();

    // Sends AppleScript reported done whose row never showed up in chat.db: the ROWID chat.db stood
    // at before each, and when it was handed over. Kept in memory (a restart forgets them; the
    // canary, where configured, finds a stall again), and dropped once chat.db writes past it.
    private readonly List<(long AfterRowId, DateTimeOffset HandedAt)> _unconfirmed = [];

    /// <summary>
    /// chat.db can be read, and it has moved on since every send Messages said it sent but that never
    /// appeared there. Messages.app that hangs (or an iCloud sync that stops it writing) keeps taking
    /// AppleScript's sends without a word, and only chat.db standing still shows it.
    /// </summary>
    public async Task<string?> ProbeAsync(CancellationToken cancellationToken = default)
    {
        long newest;
        try
        {
            newest = await chatDb.MaxRowIdAsync(cancellationToken);
        }
        catch (ChatDbException exception) when (exception.Busy)
        {
            // Messages is writing right now: that is not a stall.
            return null;
        }
        catch (ChatDbException exception)
        {
            return $"chat.db cannot be read: {exception.Message}";
        }

        lock (_unconfirmedLock)
        {
            _unconfirmed.RemoveAll(send => newest > send.AfterRowId);
            if (_unconfirmed.Count == 0)
            {
                return null;
            }

            var first = _unconfirmed.Min(send => send.HandedAt);
            return $"Messages reported {_unconfirmed.Count} send(s) sent since {first:u} but chat.db has not advanced since: Messages.app may be stuck.";
        }
    }

    private void NoteUnconfirmed(long afterRowId, DateTimeOffset handedAt)
    {
        lock (_unconfirmedLock)
        {
            _unconfirmed.Add((afterRowId, handedAt));
        }
    }
}
