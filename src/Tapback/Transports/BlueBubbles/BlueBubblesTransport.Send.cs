using Tapback.Messaging;
using Tapback.Transports.BlueBubbles.Api;

namespace Tapback.Transports.BlueBubbles;

internal sealed partial class BlueBubblesTransport
{
    /// <summary>How far before an attempt a message found in the chat may be dated (the Mac's clock against ours).</summary>
    private static readonly TimeSpan ClockSlack = TimeSpan.FromSeconds(30);

    private async Task<string?> SendAsync(SendMessageAction send, CancellationToken cancellationToken)
    {
        var method = await features.UsePrivateApiAsync(cancellationToken) ? "private-api" : "apple-script";
        var replyGuid = await ReplyGuidAsync(send, cancellationToken);
        string? first = null;
        foreach (var part in BlueBubblesSendPlan.Of(name, send))
        {
            // The reply and the effect belong to the first bubble; the rest follow it plainly.
            var guid = first is null
                ? await SendPartAsync(send, part, method, replyGuid, send.Effect?.ToAppleId(), cancellationToken)
                : await SendPartAsync(send, part, method, null, null, cancellationToken);
            first ??= guid;
        }

        return first;
    }

    private async Task<string> SendPartAsync(
        SendMessageAction send, BlueBubblesSendPlan part, string method, string? replyGuid, string? effectId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var earlier = await store.BeginSendAsync(name, part.TempGuid, send.MessageId, now, cancellationToken);
        if (earlier?.Guid is { } done)
        {
            return done;
        }

        if (earlier is { } row)
        {
            // An earlier attempt ended without an answer we trust: look before sending again.
            if (await FindSentAsync(send.ChatId, part, row.AttemptedAt, OutcomeStillUnknown, cancellationToken) is { } found)
            {
                await store.CompleteSendAsync(name, part.TempGuid, send.MessageId, found, now, cancellationToken);
                LogFoundEarlierAttempt(logger, name, send.MessageId, found);
                return found;
            }
        }

        BlueBubblesMessage sent;
        try
        {
            sent = part.File is null
                ? await client.SendTextAsync(
                    new SendTextRequest
                    {
                        ChatGuid = send.ChatId,
                        TempGuid = part.TempGuid,
                        Message = part.Text ?? string.Empty,
                        Method = method,
                        SelectedMessageGuid = replyGuid,
                        PartIndex = replyGuid is null ? null : 0,
                        EffectId = effectId,
                    },
                    cancellationToken)
                : await client.SendAttachmentAsync(send.ChatId, part.TempGuid, method, part.File, replyGuid, effectId, cancellationToken);
        }
        catch (TransportException exception) when (BlueBubblesClient.IsMessagesRefusal(exception))
        {
            // Messages could not send to this guid: the next try picks another shape of the chat if one works.
            await store.RecordSendAsync(name, send.ChatId, worked: false, time.GetUtcNow().ToUnixTimeMilliseconds(), CancellationToken.None);
            throw;
        }

        if (sent.Error is > 0)
        {
            throw new TransportException($"Messages on the BlueBubbles server ({name}) failed to send it (error {sent.Error}).", retryable: false);
        }

        await store.CompleteSendAsync(name, part.TempGuid, send.MessageId, sent.Guid!, time.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken);
        await store.RecordSendAsync(name, send.ChatId, worked: true, time.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken);
        LogSent(logger, name, send.MessageId, sent.Guid!, method);
        return sent.Guid!;
    }

    /// <summary>
    /// Our message in the chat, sent after <paramref name="attemptedAt"/>: from this Mac, with the
    /// part's text (or file name), and not already another part's. Null when the chat does not have it.
    /// </summary>
    private async Task<string?> FindSentAsync(string chatGuid, BlueBubblesSendPlan part, long attemptedAt, Func<TransportException, TransportException> onQueryFailure, CancellationToken cancellationToken)
    {
        IReadOnlyList<BlueBubblesMessage> recent;
        try
        {
            recent = await client.QueryMessagesAsync(
                new MessageQueryRequest
                {
                    ChatGuid = chatGuid,
                    After = attemptedAt - (long)ClockSlack.TotalMilliseconds,
                    Limit = 200,
                    Sort = "ASC",
                    With = ["chat", "attachment", "attributedBody"],
                },
                cancellationToken);
        }
        catch (TransportException exception)
        {
            throw onQueryFailure(exception);
        }

        foreach (var message in recent)
        {
            if (!message.IsFromMe || string.IsNullOrEmpty(message.Guid) || message.Error is > 0)
            {
                continue;
            }

            var matches = message.TempGuid == part.TempGuid
                || (part.File is null
                    ? BlueBubblesMessages.TextOf(message) == (part.Text ?? string.Empty).Trim()
                    : message.Attachments?.Any(file => string.Equals(file.TransferName, part.File.FileName, StringComparison.Ordinal)) == true);
            if (matches && await store.MessageIdOfAsync(name, message.Guid, cancellationToken) is null)
            {
                return message.Guid;
            }
        }

        return null;
    }

    private TransportException OutcomeStillUnknown(TransportException exception) =>
        new($"BlueBubbles ({name}) could not be asked whether an earlier attempt went out: {exception.Message}", retryable: true, exception)
        {
            OutcomeUnknown = true,
            RetryAfter = exception.RetryAfter,
        };

    [LoggerMessage(Level = LogLevel.Information, Message = "BlueBubbles {Transport}: message {MessageId} sent as {Guid} ({Method}).")]
    private static partial void LogSent(ILogger logger, string transport, string messageId, string guid, string method);

    [LoggerMessage(Level = LogLevel.Information, Message = "BlueBubbles {Transport}: an earlier attempt of message {MessageId} had gone out as {Guid}; not sent again.")]
    private static partial void LogFoundEarlierAttempt(ILogger logger, string transport, string messageId, string guid);
}
