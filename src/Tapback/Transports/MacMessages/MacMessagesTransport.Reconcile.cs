using Tapback.Messaging;
using Tapback.Transports.MacMessages.ChatDb;

namespace Tapback.Transports.MacMessages;

internal sealed partial class MacMessagesTransport
{
    /// <summary>
    /// A send whose outcome is unknown (osascript timed out, the process died) went out if chat.db
    /// holds a row from this Mac in that chat, written after the attempt, with our text. Messages
    /// writes that row as it takes the send, so once <see cref="MacMessagesOptions.SendConfirmTimeout"/>
    /// has passed without one, the send did not happen.
    /// </summary>
    public async Task<SendReconciliation> ReconcileAsync(SendMessageAction action, DateTimeOffset attemptedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(action);
        var target = MacChatTarget.Parse(action.ChatId);
        var isFile = action.Text.Trim().Length == 0;
        if (isFile && action.Attachments.Count == 0)
        {
            return SendReconciliation.NotSent;
        }

        // A file part is recognised by the name the recipient sees.
        var payload = isFile ? action.Attachments[0].FileName : action.Text;
        try
        {
            var known = await store.SentPartAsync(name, action.MessageId, 0, cancellationToken)
                ?? await FindOwnRowAsync(action.MessageId, target, 0, isFile, payload, 0, attemptedAt, cancellationToken);
            if (known is not null)
            {
                LogReconciled(logger, name, action.MessageId, "sent");
                return SendReconciliation.Sent(known);
            }

            // Probe chat.db once more: an unreadable database is no evidence that nothing was sent.
            await chatDb.MaxRowIdAsync(cancellationToken);
        }
        catch (ChatDbException)
        {
            return SendReconciliation.Unknown;
        }

        if (time.GetUtcNow() - attemptedAt < options.SendConfirmTimeout)
        {
            return SendReconciliation.Unknown;
        }

        LogReconciled(logger, name, action.MessageId, "not sent");
        return SendReconciliation.NotSent;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "MacMessages transport {Transport}: message {MessageId}, whose send outcome was unknown, was found {Outcome} in chat.db.")]
    private static partial void LogReconciled(ILogger logger, string transport, string messageId, string outcome);
}
