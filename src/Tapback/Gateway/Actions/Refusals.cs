using Tapback.Messaging.Text;

namespace Tapback.Gateway.Actions;

/// <summary>
/// Every sentence an action is refused with, in one place, so the WebSocket, REST, MCP and the
/// built-in agent's tools say the same thing. Each names what to change; quoted ids are bounded.
/// </summary>
internal static partial class Refusals
{
    private const int MaxQuoted = 64;

    public static ActionResult.Refused NoChatNamed() => new(
        RefusalKind.Invalid, "Name the chat: the paired phone number (E.164, e.g. +15551234567) or a conversation id.");

    public static ActionResult.Refused NotAHandle(string to) => new(
        RefusalKind.Invalid, $"'{Quote(to)}' is not a phone number or email handle; send E.164, e.g. +15551234567.");

    public static ActionResult.Refused UnknownChat(string chatId) => new(
        RefusalKind.NotFound, $"No chat '{Quote(chatId)}' belongs to this integration; use a conversation id from a received message or the conversation list, or the paired phone number.");

    public static ActionResult.Refused OtherPhone(string to) => new(
        RefusalKind.Forbidden, $"No chat '{Quote(to)}' belongs to this integration: '{Quote(to)}' is not its paired phone, and a credential reaches only the phone that paired it.");

    public static ActionResult.Refused UnknownMessage(string messageId) => new(
        RefusalKind.NotFound, $"No message '{Quote(messageId)}'; use the id (msg_…) of a message in one of this integration's chats.");

    public static ActionResult.Refused NotInTurn() => new(
        RefusalKind.Forbidden, "The built-in agent acts only in the conversation of its turn.");

    public static ActionResult.Refused OperatorNamesConversation(string chatId) => new(
        RefusalKind.NotFound, $"No conversation '{Quote(chatId)}'; the operator names a chat by its conversation id (GET /api/dashboard/conversations lists them).");

    public static ActionResult.Refused OutboundRead(string messageId) => new(
        RefusalKind.Unprocessable, $"Message '{Quote(messageId)}' was sent by an agent; mark an inbound message read.");

    public static ActionResult.Refused NoTyping(string transport) => new(
        RefusalKind.Unsupported, $"typing indicators are not supported on this chat's transport ({transport}).");

    public static ActionResult.Refused NoReadReceipts(string transport) => new(
        RefusalKind.Unsupported, $"read receipts are not supported on this chat's transport ({transport}).");

    public static ActionResult.Refused NoTapbacks(string transport) => new(
        RefusalKind.Unsupported, $"tapbacks are not supported on this chat's transport ({transport}); answer in words instead.");

    public static ActionResult.Refused NoFiles(string transport) => new(
        RefusalKind.Unsupported, $"files are not supported on this chat's transport ({transport}); send the text alone, or the links as text.");

    public static ActionResult.Refused NoContactCards(string transport) => new(
        RefusalKind.Unsupported, $"contact cards are not supported on this chat's transport ({transport}): it carries neither files nor cards.");

    public static ActionResult.Refused NoCardNumber(string transport) => new(
        RefusalKind.Unprocessable, $"there is no contact card to send: no number is known for this chat's transport ({transport}); an operator sets it as Tapback:ContactCards:Numbers:{transport}.");

    public static ActionResult.Refused KeyReused() => new(
        RefusalKind.Conflict, "This idempotency key (Idempotency-Key, clientMessageId or idempotency_key) was already used for another request; use a new key for a new message.");

    public static ActionResult.Refused NothingToSend() => new(
        RefusalKind.Invalid, "There is nothing to send: give a text (REST's 'body', MCP's 'text', a WebSocket text part) or at least one file.");

    public static ActionResult.Refused TooLong(int length, int limit) => new(
        RefusalKind.TooLarge, $"The text is {length} characters; the limit is {limit} ({ActionOptions.SectionName}:{nameof(ActionOptions.MaxBodyLength)}). Send it as several messages.");

    public static ActionResult.Refused NoReplies(string transport) => new(
        RefusalKind.Unsupported, $"inline replies are not supported on this chat's transport ({transport}); send without reply_to (replyTo on the WebSocket), and quote what you answer if it helps.");

    public static ActionResult.Refused NoEffects(string transport) => new(
        RefusalKind.Unsupported, $"message effects are not supported on this chat's transport ({transport}); send without an effect.");

    public static ActionResult.Refused UnknownEffect(string effect) => new(
        RefusalKind.Invalid, $"'{Quote(effect)}' is not a message effect; use one of {Tapback.Messaging.MessageEffects.AllowedValues}.");

    public static ActionResult.Refused ReplyElsewhere(string messageId) => new(
        RefusalKind.Unprocessable, $"Message '{Quote(messageId)}' is in another chat; an inline reply answers a message of the chat it is sent to.");

    public static ActionResult.Refused ReplyToUnsent(string messageId) => new(
        RefusalKind.Unprocessable, $"Message '{Quote(messageId)}' was unsent; answer without reply_to (replyTo on the WebSocket).");

    public static ActionResult.Refused NoHandleLookup(string transport) => new(
        RefusalKind.Unsupported, $"looking up whether a handle is on iMessage is not supported on this integration's transport ({transport}).");

    public static ActionResult.Refused LookupOtherHandle(string handle) => new(
        RefusalKind.Forbidden, $"'{Quote(handle)}' is not this integration's paired phone; a credential looks up only the phone that paired it.");

    public static ActionResult.Refused LookupNotInTurn() => new(
        RefusalKind.Forbidden, "The built-in agent looks up only the person of its one-to-one turn.");

    public static ActionResult.Refused LookupFailed(string transport) => new(
        RefusalKind.Unavailable, $"The transport ({transport}) could not say whether the handle is on iMessage just now, and no earlier answer is kept; try again later.");

    /// <summary>A quoted value as the caller sent it, printable and cut, so a hostile id cannot flood an answer.</summary>
    private static string Quote(string value) => EchoText.Bounded(value, MaxQuoted);
}
