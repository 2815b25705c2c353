using System.Diagnostics.CodeAnalysis;

namespace Tapback.Messaging;

/// <summary>Wire names of <see cref="ReactionType"/>: lower-case, as in the JSON APIs.</summary>
internal static class ReactionTypes
{
    public const string AllowedValues = "love, like, dislike, laugh, emphasize, question";

    public static string ToWire(this ReactionType reaction) => reaction switch
    {
        ReactionType.Love => "love",
        ReactionType.Like => "like",
        ReactionType.Dislike => "dislike",
        ReactionType.Laugh => "laugh",
        ReactionType.Emphasize => "emphasize",
        ReactionType.Question => "question",
        _ => throw new ArgumentOutOfRangeException(nameof(reaction), reaction, "Unknown reaction."),
    };

    public static bool TryParse([NotNullWhen(true)] string? value, out ReactionType reaction)
    {
        switch (value?.Trim().ToLowerInvariant())
        {
            case "love": reaction = ReactionType.Love; return true;
            case "like": reaction = ReactionType.Like; return true;
            case "dislike": reaction = ReactionType.Dislike; return true;
            case "laugh": reaction = ReactionType.Laugh; return true;
            case "emphasize": reaction = ReactionType.Emphasize; return true;
            case "question": reaction = ReactionType.Question; return true;
            default: reaction = default; return false;
        }
    }
}
