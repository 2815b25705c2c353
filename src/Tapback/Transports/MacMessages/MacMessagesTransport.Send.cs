using Tapback.Messaging;
using Tapback.Transports.MacMessages.AppleScript;
using Tapback.Transports.MacMessages.ChatDb;

namespace Tapback.Transports.MacMessages;

internal sealed partial class MacMessagesTransport
{
    private static readonly TimeSpan ConfirmPollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Sends the text, then each file, as parts. A part already seen in chat.db (from an earlier try
    /// of this send) is not sent again. Returns the guid of the first part.
    /// </summary>
    private async Task<string?> SendAsync(SendMessageAction send, CancellationToken cancellationToken)
    {
        var target = MacChatTarget.Parse(send.ChatId);
        var parts = new List<(bool IsFile, string Payload)>();
        if (send.Text.Trim().Length > 0)
        {
            parts.Add((false, send.Text));
        }

        parts.AddRange(send.Attachments.Select(file => (true, MacOutboundFiles.Stage(file))));
        if (parts.Count == 0)
        {
            throw new TransportException("The message has neither text nor files to send.", retryable: false);
        }

        string? firstGuid = null;
        for (var part = 0; part < parts.Count; part++)
        {
            var (isFile, payload) = parts[part];
            var guid = await store.SentPartAsync(name, send.MessageId, part, cancellationToken)
                ?? await SendPartAsync(send, target, part, isFile, payload, cancellationToken);
            firstGuid ??= guid;
        }

        return firstGuid;
    }

    private async Task<string?> SendPartAsync(SendMessageAction send, MacChatTarget target, int part, bool isFile, string payload, CancellationToken cancellationToken)
    {
        var startedAt = time.GetUtcNow();
        long before;
        try
        {
            before = await chatDb.MaxRowIdAsync(cancellationToken);
        }
        catch (ChatDbException exception) when (!exception.Busy)
        {
            // Without chat.db the send could go out but never be confirmed or reconciled; better to say so now.
            throw new TransportException(exception.Message, retryable: false, exception);
        }
        catch (ChatDbException)
        {
            before = 0;
        }

        AppleScriptResult result;
        // The timeout runs on the injected clock, like every other delay.
        using (var timeout = new CancellationTokenSource(options.ScriptTimeout, time))
        using (var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token))
        {
            try
            {
                result = await scripts.RunAsync(MessagesScripts.Send, MessagesScripts.SendArguments(target, isFile, payload), either.Token);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TransportException($"Messages did not finish the send within {options.ScriptTimeout}; whether it went out is checked in chat.db.", retryable: true) { OutcomeUnknown = true };
            }
            catch (Exception exception) when (exception is System.ComponentModel.Win32Exception or CliWrap.Exceptions.CliWrapException)
            {
                throw new TransportException($"osascript could not be started at {options.OsascriptPath}: MacMessages sends only on macOS.", retryable: false, exception);
            }
        }

        if (!result.Succeeded)
        {
            var failure = AppleScriptErrors.ToException(result);
            LogScriptFailed(logger, name, result.ExitCode, failure.Message);
            throw failure;
        }

        var guid = await ConfirmAsync(send, target, part, isFile, payload, before, startedAt, cancellationToken);
        if (guid is null)
        {
            LogNotConfirmed(logger, name, send.MessageId, options.SendConfirmTimeout);
            // Messages said it sent, chat.db does not show it: the watchdog's question (ProbeAsync).
            NoteUnconfirmed(before, startedAt);
        }

        return guid;
    }

    /// <summary>Waits (on the injected clock) for the row Messages writes for our send, and records its guid.</summary>
    private async Task<string?> ConfirmAsync(
        SendMessageAction send, MacChatTarget target, int part, bool isFile, string payload, long afterRowId, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        var deadline = startedAt + options.SendConfirmTimeout;
        while (true)
        {
            var guid = await FindOwnRowAsync(send.MessageId, target, part, isFile, payload, afterRowId, startedAt, cancellationToken);
            if (guid is not null || time.GetUtcNow() >= deadline)
            {
                return guid;
            }

            await Task.Delay(ConfirmPollInterval, time, cancellationToken);
        }
    }

    /// <summary>
    /// The first row from this Mac in the chat after the given point whose text (or file name) is
    /// ours and that no other Tapback message has claimed; claimed for <paramref name="messageId"/>.
    /// </summary>
    private async Task<string?> FindOwnRowAsync(
        string messageId, MacChatTarget target, int part, bool isFile, string payload, long afterRowId, DateTimeOffset after, CancellationToken cancellationToken)
    {
        IReadOnlyList<ChatDbRow> rows;
        try
        {
            // Messages stamps the row itself; a second of slack covers the clocks of osascript and Messages.
            rows = await chatDb.OwnRowsAsync(target, afterRowId, AppleTime.ToNanoseconds(after - TimeSpan.FromSeconds(2)), cancellationToken);
        }
        catch (ChatDbException)
        {
            return null;
        }

        var fileName = isFile ? Path.GetFileName(payload) : null;
        foreach (var row in rows)
        {
            var matches = isFile
                ? row.HasAttachments != 0 && (await chatDb.AttachmentsOfAsync(row.RowId, cancellationToken)).Any(file => string.Equals(file.TransferName ?? Path.GetFileName(file.FileName), fileName, StringComparison.Ordinal))
                : string.Equals(row.Body(), payload.Trim(), StringComparison.Ordinal);
            if (matches && await store.MapAsync(name, row.Guid, messageId, MacMessagesStore.Outbound, part, time.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken))
            {
                return row.Guid;
            }
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "MacMessages transport {Transport}: osascript exited {ExitCode}: {Error}")]
    private static partial void LogScriptFailed(ILogger logger, string transport, int exitCode, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MacMessages transport {Transport}: message {MessageId} was handed to Messages but its row did not appear in chat.db within {Timeout}; it is recorded sent without a guid, so delivery reports and tapbacks on it are not matched.")]
    private static partial void LogNotConfirmed(ILogger logger, string transport, string messageId, TimeSpan timeout);
}
