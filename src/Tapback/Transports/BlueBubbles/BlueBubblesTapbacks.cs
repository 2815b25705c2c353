using System.Globalization;
using System.Text.Json;
using Tapback.Messaging;

namespace Tapback.Transports.BlueBubbles;

/// <summary>
/// Tapbacks both ways. Out: <c>love</c> … <c>question</c>, <c>-love</c> to take one off. In: the same
/// names, or Messages' numbers (2000–2005 added, 3000–3005 removed, in the order love, like,
/// dislike, laugh, emphasize, question); 2006/2007 (emoji and sticker tapbacks) have no Tapback name.
/// </summary>
internal static class BlueBubblesTapbacks
{
    private static readonly ReactionType[] ByNumber =
        [ReactionType.Love, ReactionType.Like, ReactionType.Dislike, ReactionType.Laugh, ReactionType.Emphasize, ReactionType.Question];

    public static string ToWire(ReactionType reaction, bool remove) => (remove ? "-" : "") + reaction.ToWire();

    /// <summary>False when the message is no tapback, or one Tapback has no name for.</summary>
    public static bool TryParse(JsonElement? type, out ReactionType reaction, out bool removed)
    {
        reaction = default;
        removed = false;
        string? text = type switch
        {
            { ValueKind: JsonValueKind.String } value => value.GetString(),
            { ValueKind: JsonValueKind.Number } value => value.GetRawText(),
            _ => null,
        };
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
        {
            removed = number >= 3000;
            var index = number - (removed ? 3000 : 2000);
            if (index is < 0 or >= 6)
            {
                return false;
            }

            reaction = ByNumber[index];
            return true;
        }

        removed = text.StartsWith('-');
        return ReactionTypes.TryParse(removed ? text[1..] : text, out reaction);
    }

    /// <summary>The guid of the message a tapback is on: <c>p:0/GUID</c> and <c>bp:GUID</c> both name GUID.</summary>
    public static string TargetGuid(string associatedMessageGuid)
    {
        ArgumentNullException.ThrowIfNull(associatedMessageGuid);
        var slash = associatedMessageGuid.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            return associatedMessageGuid[(slash + 1)..];
        }

        return associatedMessageGuid.StartsWith("bp:", StringComparison.Ordinal) ? associatedMessageGuid[3..] : associatedMessageGuid;
    }
}
