namespace Tapback.Messaging;

/// <summary>The six iMessage tapbacks, named as every Tapback surface spells them on the wire.</summary>
internal enum ReactionType
{
    Love,
    Like,
    Dislike,
    Laugh,
    Emphasize,
    Question,
}
