namespace Tapback.Transports.MacMessages;

/// <summary>
/// Where a send goes. Chat ids are chat.db's <c>chat.guid</c>: <c>iMessage;-;+15551234567</c> for a
/// one-to-one chat (sent to the participant, so a chat Messages has not opened yet still works),
/// <c>iMessage;+;chat123…</c> for a group (sent to the chat by id). <c>any;</c> is newer macOS'
/// spelling; a bare handle is a one-to-one chat over iMessage.
/// </summary>
internal sealed record MacChatTarget(bool IsGroup, string Id, string Service)
{
    public static MacChatTarget Parse(string chatId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(chatId);
        var parts = chatId.Split(';', 3);
        if (parts.Length == 3)
        {
            var service = string.Equals(parts[0], "SMS", StringComparison.OrdinalIgnoreCase) ? "SMS" : "iMessage";
            return parts[1] == "+" ? new MacChatTarget(true, chatId, service) : new MacChatTarget(false, parts[2], service);
        }

        return new MacChatTarget(false, chatId, "iMessage");
    }
}
