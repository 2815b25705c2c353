namespace Tapback.Transports.MacMessages.AppleScript;

/// <summary>
/// The one script that sends. Arguments: target kind (<c>chat</c> or <c>participant</c>), the chat id
/// or handle, the service (<c>iMessage</c> or <c>SMS</c>), the payload kind (<c>text</c> or
/// <c>file</c>), and the text or the file's POSIX path.
/// </summary>
internal static class MessagesScripts
{
    public const string Send = """
        on run argv
        set targetKind to item 1 of argv
        set targetId to item 2 of argv
        set serviceKind to item 3 of argv
        set payloadKind to item 4 of argv
        set payload to item 5 of argv
        if payloadKind is "file" then
        set payload to POSIX file payload
        end if
        tell application "Messages"
        if targetKind is "chat" then
        set targetObject to chat id targetId
        else if serviceKind is "SMS" then
        set targetObject to participant targetId of (1st account whose service type = SMS)
        else
        set targetObject to participant targetId of (1st account whose service type = iMessage)
        end if
        send payload to targetObject
        end tell
        end run
        """;

    public static IReadOnlyList<string> SendArguments(MacChatTarget target, bool isFile, string payload) =>
        [target.IsGroup ? "chat" : "participant", target.Id, target.Service, isFile ? "file" : "text", payload];
}
