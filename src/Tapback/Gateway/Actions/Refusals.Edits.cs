using System.Globalization;
using Tapback.Messaging;

namespace Tapback.Gateway.Actions;

/// <summary>The sentences of edits, unsends and scheduled sends.</summary>
internal static partial class Refusals
{
    public static ActionResult.Refused NotOwnMessage(string messageId) => new(
        RefusalKind.Unprocessable, $"Message '{Quote(messageId)}' was sent by the person; an agent edits and unsends only messages it sent.");

    public static ActionResult.Refused NoEdits(string transport) => new(
        RefusalKind.Unsupported, $"editing a sent message is not supported on this chat's transport ({transport}); send a correction instead.");

    public static ActionResult.Refused NoUnsends(string transport) => new(
        RefusalKind.Unsupported, $"unsending a message is not supported on this chat's transport ({transport}); send a correction instead.");

    public static ActionResult.Refused EditWindowClosed(string messageId) => new(
        RefusalKind.Conflict, $"Message '{Quote(messageId)}' was sent more than {Minutes(MessageChangeWindows.Edit)} minutes ago; iMessage allows edits only within {Minutes(MessageChangeWindows.Edit)} minutes of sending. Send a correction instead.");

    public static ActionResult.Refused TooManyEdits(string messageId) => new(
        RefusalKind.Conflict, $"Message '{Quote(messageId)}' was already edited {MessageChangeWindows.MaxEdits} times, the most iMessage allows; send a correction instead.");

    public static ActionResult.Refused UnsendWindowClosed(string messageId) => new(
        RefusalKind.Conflict, $"Message '{Quote(messageId)}' was sent more than {Minutes(MessageChangeWindows.Unsend)} minutes ago; iMessage allows unsending only within {Minutes(MessageChangeWindows.Unsend)} minutes of sending.");

    public static ActionResult.Refused BeingSent(string messageId) => new(
        RefusalKind.Conflict, $"Message '{Quote(messageId)}' is being handed to the transport right now; wait for its message.sent, then edit or unsend it.");

    public static ActionResult.Refused NeverSent(string messageId) => new(
        RefusalKind.Unprocessable, $"Message '{Quote(messageId)}' was not sent (its send failed or was cancelled); there is nothing to change.");

    public static ActionResult.Refused AlreadyUnsent(string messageId) => new(
        RefusalKind.Unprocessable, $"Message '{Quote(messageId)}' was unsent; an unsent message cannot be edited.");

    public static ActionResult.Refused NothingToEdit() => new(
        RefusalKind.Invalid, "Give the new text (REST's 'body', MCP's 'text', the WebSocket's 'text'); an edit cannot empty a message, unsend it instead.");

    public static ActionResult.Refused SendAtUnreadable(string text) => new(
        RefusalKind.Invalid, $"The send time '{Quote(text)}' is not a time with its offset; send ISO 8601 / RFC 3339, e.g. 2026-12-24T18:00:00Z.");

    public static ActionResult.Refused SendAtPast(DateTimeOffset sendAt, DateTimeOffset now) => new(
        RefusalKind.Invalid, $"The send time {Stamp(sendAt)} is not in the future (it is now {Stamp(now)}); omit it to send now.");

    public static ActionResult.Refused SendAtTooFar(DateTimeOffset sendAt, TimeSpan limit) => new(
        RefusalKind.Invalid, $"The send time {Stamp(sendAt)} is more than {limit.TotalDays.ToString("0.##", CultureInfo.InvariantCulture)} days ahead ({ActionOptions.SectionName}:{nameof(ActionOptions.MaxScheduleAhead)}).");

    private static string Minutes(TimeSpan window) => window.TotalMinutes.ToString("0", CultureInfo.InvariantCulture);

    private static string Stamp(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
