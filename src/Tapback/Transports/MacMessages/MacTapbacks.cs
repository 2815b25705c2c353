using Tapback.Messaging;

namespace Tapback.Transports.MacMessages;

/// <summary>
/// Tapbacks in chat.db are rows of their own: <c>associated_message_type</c> 2000–2005 puts one on
/// (love, like, dislike, laugh, emphasize, question), 3000–3005 takes it off; 2006/3006 carry an
/// emoji (iOS 18) and 2007/3007 a sticker. The target is <c>associated_message_guid</c>, written
/// <c>p:0/GUID</c> (part 0 of GUID) or <c>bp:GUID</c>.
/// </summary>
internal static class MacTapbacks
{
    public static bool IsTapback(long associatedMessageType) =>
        associatedMessageType is >= 2000 and <= 2007 or >= 3000 and <= 3007;

    /// <summary>Maps a tapback row to the shared set; false for a sticker or an emoji outside it.</summary>
    public static bool TryParse(long associatedMessageType, string? emoji, out ReactionType reaction, out bool removed)
    {
        removed = associatedMessageType >= 3000;
        var kind = associatedMessageType % 1000;
        ReactionType? mapped = kind switch
        {
            0 => ReactionType.Love,
            1 => ReactionType.Like,
            2 => ReactionType.Dislike,
            3 => ReactionType.Laugh,
            4 => ReactionType.Emphasize,
            5 => ReactionType.Question,
            6 => FromEmoji(emoji),
            _ => null,
        };
        reaction = mapped ?? default;
        return mapped is not null;
    }

    public static string TargetGuid(string associatedMessageGuid)
    {
        var slash = associatedMessageGuid.LastIndexOf('/');
        if (slash >= 0)
        {
            return associatedMessageGuid[(slash + 1)..];
        }

        return associatedMessageGuid.StartsWith("bp:", StringComparison.Ordinal) ? associatedMessageGuid[3..] : associatedMessageGuid;
    }

    // An emoji tapback that is one of the six classic ones reads as it; any other has no place in the shared set.
    private static ReactionType? FromEmoji(string? emoji) => emoji?.Replace("\uFE0F", string.Empty, StringComparison.Ordinal) switch
    {
        "❤" => ReactionType.Love,
        "👍" => ReactionType.Like,
        "👎" => ReactionType.Dislike,
        "😂" => ReactionType.Laugh,
        "‼" => ReactionType.Emphasize,
        "❓" or "?" => ReactionType.Question,
        _ => null,
    };
}
