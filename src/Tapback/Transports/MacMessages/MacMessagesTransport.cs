using Tapback.Messaging;
using Tapback.Transports.MacMessages.AppleScript;
using Tapback.Transports.MacMessages.ChatDb;

namespace Tapback.Transports.MacMessages;

/// <summary>
/// Tapback on the user's own Mac: sends through Messages with AppleScript and learns each send's
/// guid from the row Messages writes to chat.db. AppleScript can send text and files and nothing
/// else, so typing, read receipts and tapbacks out are not offered (the agent goes without them).
/// </summary>
internal sealed partial class MacMessagesTransport(
    string name,
    MacMessagesOptions options,
    MacChatDatabase chatDb,
    MacMessagesStore store,
    IAppleScriptRunner scripts,
    TimeProvider time,
    ILogger<MacMessagesTransport> logger) : IMessageTransport, IReconcilingTransport
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
        Groups = true,
        // Messages has no idempotency key: a repeat would be a second bubble, so unknown outcomes are reconciled from chat.db.
        IdempotentSends = false,
    };

    public async Task<string?> ExecuteAsync(OutboundAction action, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(action);
        switch (action)
        {
            case SendMessageAction send:
                return await SendAsync(send, cancellationToken);
            case SetTypingAction or MarkReadAction:
                // Not offered (Capabilities); should one be queued anyway, doing nothing is what the user would see.
                LogNotSupported(logger, name, action.GetType().Name);
                return null;
            case ReactAction:
                throw new TransportException(
                    "Messages on macOS cannot send tapbacks through AppleScript, so this transport does not offer them (TapbacksSent is false).",
                    retryable: false);
            default:
                throw new TransportException($"MacMessages cannot carry out {action.GetType().Name}.", retryable: false);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "MacMessages transport {Transport} skipped a {Action}: AppleScript cannot do it.")]
    private static partial void LogNotSupported(ILogger logger, string transport, string action);
}
