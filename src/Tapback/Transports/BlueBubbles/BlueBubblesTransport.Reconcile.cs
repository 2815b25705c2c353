using Tapback.Messaging;

namespace Tapback.Transports.BlueBubbles;

internal sealed partial class BlueBubblesTransport
{
    /// <summary>
    /// Looks each part of the send up: recorded as sent, or found in the chat after the attempt.
    /// All found: sent. Some missing: not sent, because sending again with the same key sends only
    /// the missing parts. The server cannot be asked: unknown.
    /// </summary>
    public async Task<SendReconciliation> ReconcileAsync(SendMessageAction action, DateTimeOffset attemptedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(action);
        action = action with { ChatId = await ChatGuidAsync(action.ChatId, cancellationToken) };
        string? first = null;
        var missing = false;
        try
        {
            foreach (var part in BlueBubblesSendPlan.Of(name, action))
            {
                var row = await store.FindSendAsync(name, part.TempGuid, cancellationToken);
                var since = Math.Min(row?.AttemptedAt ?? long.MaxValue, attemptedAt.ToUnixTimeMilliseconds());
                var guid = row?.Guid ?? await FindSentAsync(action.ChatId, part, since, exception => exception, cancellationToken);
                if (guid is null)
                {
                    missing = true;
                    continue;
                }

                if (row?.Guid is null)
                {
                    await store.CompleteSendAsync(name, part.TempGuid, action.MessageId, guid, time.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken);
                }

                first ??= guid;
            }
        }
        catch (TransportException exception)
        {
            LogReconcileFailed(logger, name, action.MessageId, exception.Message);
            return SendReconciliation.Unknown;
        }

        return missing ? SendReconciliation.NotSent : SendReconciliation.Sent(first);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "BlueBubbles {Transport}: could not find out whether message {MessageId} went out: {Error}")]
    private static partial void LogReconcileFailed(ILogger logger, string transport, string messageId, string error);
}
