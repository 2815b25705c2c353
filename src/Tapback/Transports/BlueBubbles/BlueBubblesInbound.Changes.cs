using Tapback.Gateway.Inbox;
using Tapback.Transports.BlueBubbles.Api;

namespace Tapback.Transports.BlueBubbles;

internal sealed partial class BlueBubblesInbound
{
    /// <summary>
    /// The person edited or unsent one of their messages: the server sends <c>updated-message</c> with
    /// <c>dateEdited</c> or <c>dateRetracted</c> set (macOS Ventura or newer). An unsend sets both, so
    /// <c>dateRetracted</c> is read first. Each edit time is its own event, so a second edit is new and a
    /// repeated webhook is not. A message Tapback never stored is left alone.
    /// </summary>
    private async Task<BlueBubblesIngestOutcome> ReceiveChangeAsync(BlueBubblesMessage message, CancellationToken cancellationToken)
    {
        var guid = message.Guid!;
        if (message.DateRetracted is not > 0 && message.DateEdited is not > 0)
        {
            return BlueBubblesIngestOutcome.Ignored;
        }

        if (await store.MessageIdOfAsync(name, guid, cancellationToken) is not { } messageId)
        {
            LogChangeOfUnknown(logger, name, guid);
            return BlueBubblesIngestOutcome.Ignored;
        }

        var changed = message.DateRetracted is > 0
            ? await inbox.ReceiveUnsendAsync(new InboundUnsend { Transport = name, EventId = $"{guid}:unsent", MessageId = messageId }, cancellationToken)
            : await inbox.ReceiveEditAsync(
                new InboundEdit { Transport = name, EventId = $"{guid}:edited:{message.DateEdited}", MessageId = messageId, Text = BlueBubblesMessages.TextOf(message) },
                cancellationToken);
        return changed ? BlueBubblesIngestOutcome.Stored : BlueBubblesIngestOutcome.Duplicate;
    }

    /// <summary>The person's typing indicator in a one-to-one chat (<c>typing-indicator</c>, Private API).</summary>
    public async Task<BlueBubblesIngestOutcome> ReceiveTypingAsync(TypingIndicator typing, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(typing);
        if (string.IsNullOrWhiteSpace(typing.Guid) || typing.Display is not { } display)
        {
            throw new BlueBubblesInvalidEventException("A typing-indicator event carries data.guid (the chat) and data.display (true or false).");
        }

        // Only a chat Tapback already has: typing alone never opens a conversation.
        var chatId = await store.KnownChatIdAsync(name, typing.Guid, cancellationToken);
        if (chatId is null)
        {
            return BlueBubblesIngestOutcome.Ignored;
        }

        var changed = await inbox.ReceiveTypingAsync(new InboundTyping { Transport = name, ChatId = chatId, Typing = display }, cancellationToken);
        return changed ? BlueBubblesIngestOutcome.Stored : BlueBubblesIngestOutcome.Duplicate;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "BlueBubbles {Transport}: message {Guid} was edited or unsent, but Tapback never stored it; ignored.")]
    private static partial void LogChangeOfUnknown(ILogger logger, string transport, string guid);
}
