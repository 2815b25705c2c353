namespace Tapback.Transports.BlueBubbles;

/// <summary>
/// A chat guid is <c>service;style;identifier</c>, and the same person or group comes under several:
/// <c>iMessage;-;+1…</c>, <c>SMS;-;+1…</c>, <c>any;-;+1…</c> (macOS 26), <c>iMessage;+;chat…</c> and
/// <c>any;+;chat…</c>. The key is the guid without its service: one key, one conversation.
/// </summary>
internal static class BlueBubblesChatKeys
{
    /// <summary>The service a guid is rebuilt with when no shape seen so far can be sent to.</summary>
    public const string DeliverableService = "iMessage";

    public static string KeyOf(string chatGuid)
    {
        ArgumentNullException.ThrowIfNull(chatGuid);
        var separator = chatGuid.IndexOf(';', StringComparison.Ordinal);
        // Email handles and group identifiers differ only in case between shapes.
        return (separator < 0 ? chatGuid : chatGuid[(separator + 1)..]).ToLowerInvariant();
    }

    /// <summary>The guid with the service Messages' AppleScript always knows (macOS 26 reports <c>any;</c>, which it cannot address).</summary>
    public static string WithDeliverableService(string chatGuid)
    {
        var separator = chatGuid.IndexOf(';', StringComparison.Ordinal);
        return separator < 0 ? chatGuid : $"{DeliverableService}{chatGuid[separator..]}";
    }
}
