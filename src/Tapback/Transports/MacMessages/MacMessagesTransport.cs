using Tapback.Messaging;
using Tapback.Transports.MacMessages.AppleScript;
using Tapback.Transports.MacMessages.ChatDb;

namespace Tapback.Transports.MacMessages;

/// <summary>
/// Tapback on the user's own Mac: sends through Messages with AppleScript and learns each send's
/// guid from the row Messages writes to chat.db. AppleScript can send text and files and nothing
/// else, so typing, read receipts, tapbacks out, inline replies, effects, edits, unsends and handle
/// lookups are not offered (the action core refuses them, saying why). What chat.db shows of the
/// person's replies, effects, edits and unsends is read; their typing indicator is not in chat.db.
/// </summary>
internal sealed partial class MacMessagesTransport(
    string name,
    MacMessagesOptions options,
    MacChatDatabase chatDb,
    MacMessagesStore store,
    IAppleScriptRunner scripts,
    TimeProvider time,
    ILogger<MacMessagesTransport> logger) : IMessageTransport, IReconcilingTransport, IBridgeHealthProbe
{
    public const string KindName = "MacMessages";

    public string Name => name;

    public string Kind => KindName;

    public TransportCapabilities Capabilities { get; } = new()
    {
        Typing = false,
        ReadReceipts = false,
        TapbacksSent = false,
        TapbacksReceived = true,
        Attachments = true,
        VoiceNotes = false,
        Edits = false,
        Unsends = false,
        Replies = false,
        Effects = false,
        // Messages writes no typing indicator to chat.db, and nothing else on the Mac offers it.
        TypingReceived = false,
        HandleLookup = false,
        // A .vcf sent as a file, which Messages shows as a contact card.
        ContactCards = true,
        Groups = true,
        // Messages has no idempotency key: a repeat would be a second bubble, so unknown outcomes are reconciled from chat.db.
        IdempotentSends = false,
    };

    public async Task<string?> ExecuteAsync(OutboundAction action, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(action);
        switch (action)
        {
            case SendMessageAction { ReplyTo: not null }:
                throw NotThroughAppleScript("send an inline reply", "Replies");
            case SendMessageAction { Effect: not null }:
                throw NotThroughAppleScript("send a message with an effect", "Effects");
            case SendMessageAction send:
                return await SendAsync(send, cancellationToken);
            case EditMessageAction:
                throw NotThroughAppleScript("edit a message", "Edits");
            case UnsendMessageAction:
                throw NotThroughAppleScript("unsend a message", "Unsends");
            case SetTypingAction or MarkReadAction:
                // Not offered (Capabilities); should one be queued anyway, doing nothing is what the user would see.
                LogNotSupported(logger, name, action.GetType().Name);
                return null;
            case ReactAction:
                throw NotThroughAppleScript("send tapbacks", "TapbacksSent");
            default:
                throw new TransportException($"MacMessages cannot carry out {action.GetType().Name}.", retryable: false);
        }
    }

    private static TransportException NotThroughAppleScript(string what, string capability) =>
        new($"Messages on macOS cannot {what} through AppleScript, so this transport does not offer it ({capability} is false).", retryable: false);

    [LoggerMessage(Level = LogLevel.Debug, Message = "MacMessages transport {Transport} skipped a {Action}: AppleScript cannot do it.")]
    private static partial void LogNotSupported(ILogger logger, string transport, string action);
}
