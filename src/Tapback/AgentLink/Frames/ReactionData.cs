namespace Tapback.AgentLink.Frames;

/// <summary><c>reaction.added</c> / <c>reaction.removed</c>: a tapback on <see cref="MessageId"/>.</summary>
internal sealed record ReactionData(string MessageId, string ReactionType, string From, string ChatId);
