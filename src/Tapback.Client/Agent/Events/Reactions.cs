namespace Tapback.Client;

/// <summary>The six tapbacks, by their wire names.</summary>
public static class Reactions
{
#pragma warning disable CS1591 // The names say it.
    public const string Love = "love";
    public const string Like = "like";
    public const string Dislike = "dislike";
    public const string Laugh = "laugh";
    public const string Emphasize = "emphasize";
    public const string Question = "question";
#pragma warning restore CS1591
}
