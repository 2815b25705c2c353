using Tapback.Messaging;
using Tapback.Transports.BlueBubbles.Api;

namespace Tapback.Transports.BlueBubbles;

/// <summary>
/// iMessage through a BlueBubbles server on the user's Mac. Sends go out by AppleScript, or by the
/// Private API when the server has it; typing, read receipts, tapbacks out, inline replies, effects,
/// edits, unsends, handle lookups and the person's typing indicator all need the Private API (the
/// server's own routes say so: PrivateApiMiddleware, or MessageValidator switching to it).
/// BlueBubbles does not drop repeated sends, so each part of a send is recorded by its tempGuid and
/// looked up in the chat before it is ever sent again.
/// </summary>
internal sealed partial class BlueBubblesTransport(
    string name,
    BlueBubblesOptions options,
    BlueBubblesClient client,
    BlueBubblesFeatures features,
    BlueBubblesStore store,
    TimeProvider time,
    ILogger<BlueBubblesTransport> logger) : IMessageTransport, IReconcilingTransport, IHandleLookup, IBridgeHealthProbe
{
    public const string KindName = "BlueBubbles";

    public string Name => name;

    public string Kind => KindName;

    public TransportCapabilities Capabilities
    {
        get
        {
            var privateApi = features.PrivateApi;
            return new TransportCapabilities
            {
                Typing = privateApi,
                ReadReceipts = privateApi,
                TapbacksSent = privateApi,
                TapbacksReceived = true,
                Attachments = true,
                VoiceNotes = false,
                Replies = privateApi,
                Effects = privateApi,
                Edits = privateApi,
                Unsends = privateApi,
                // The server emits typing-indicator only from the Private API's helper.
                TypingReceived = privateApi,
                HandleLookup = privateApi,
                // A .vcf sent as a file, which Messages shows as a contact card; AppleScript sends files too.
                ContactCards = true,
                Groups = true,
                IdempotentSends = false,
            };
        }
    }

    public async Task<string?> ExecuteAsync(OutboundAction action, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(action);
        action = action with { ChatId = await ChatGuidAsync(action.ChatId, cancellationToken) };
        switch (action)
        {
            case SendMessageAction send:
                return await SendAsync(send, cancellationToken);
            case SetTypingAction typing:
                await SetTypingAsync(typing, cancellationToken);
                return null;
            case MarkReadAction:
                if (await features.UsePrivateApiAsync(cancellationToken))
                {
                    await client.MarkReadAsync(action.ChatId, cancellationToken);
                }
                else
                {
                    LogSkipped(logger, name, "read receipt");
                }

                return null;
            case ReactAction react:
                await ReactAsync(react, cancellationToken);
                return null;
            case EditMessageAction edit:
                await EditAsync(edit, cancellationToken);
                return null;
            case UnsendMessageAction unsend:
                await UnsendAsync(unsend, cancellationToken);
                return null;
            default:
                throw new TransportException($"BlueBubbles cannot carry out {action.GetType().Name}.", retryable: false);
        }
    }

    private async Task SetTypingAsync(SetTypingAction typing, CancellationToken cancellationToken)
    {
        if (!await features.UsePrivateApiAsync(cancellationToken))
        {
            LogSkipped(logger, name, "typing indicator");
            return;
        }

        if (typing.On)
        {
            await client.StartTypingAsync(typing.ChatId, cancellationToken);
        }
        else if (options.StopTypingWithDelete)
        {
            await client.StopTypingAsync(typing.ChatId, cancellationToken);
        }

        // Otherwise nothing: released servers start typing on DELETE as well, and the indicator
        // disappears on the phone when the next bubble arrives (or when Messages lets it lapse).
    }

    private async Task ReactAsync(ReactAction react, CancellationToken cancellationToken)
    {
        if (!await features.UsePrivateApiAsync(cancellationToken))
        {
            throw new TransportException(
                $"BlueBubbles ({name}) sends tapbacks only through its Private API, which this server does not have enabled.", retryable: false);
        }

        var target = await store.GuidOfAsync(name, react.MessageId, cancellationToken)
            ?? throw new TransportException($"BlueBubbles ({name}) has no guid for message {react.MessageId}, so it cannot put a tapback on it.", retryable: false);
        await client.ReactAsync(
            new ReactRequest
            {
                ChatGuid = react.ChatId,
                SelectedMessageGuid = target,
                Reaction = BlueBubblesTapbacks.ToWire(react.Reaction, react.Remove),
            },
            cancellationToken);
    }

    /// <summary>
    /// Chats that began here carry BlueBubbles' guid; a chat an agent opened by phone number carries
    /// the handle, which becomes the guid that handle last wrote from, or a new one-to-one iMessage chat.
    /// Either way the send goes to the shape of that guid that can be delivered to (BlueBubblesStore.ReplyGuidAsync).
    /// </summary>
    private async Task<string> ChatGuidAsync(string chatId, CancellationToken cancellationToken)
    {
        var guid = chatId.Contains(';', StringComparison.Ordinal)
            ? chatId
            : await store.ChatGuidOfHandleAsync(name, chatId, cancellationToken) ?? $"iMessage;-;{chatId}";
        return await store.ReplyGuidAsync(name, guid, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "BlueBubbles {Transport}: no {What} without the Private API; skipped.")]
    private static partial void LogSkipped(ILogger logger, string transport, string what);
}
