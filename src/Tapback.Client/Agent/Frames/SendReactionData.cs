namespace Tapback.Client;

/// <summary><c>send_reaction</c>.</summary>
internal sealed record SendReactionData(string MessageId, string Operation, string ReactionType);
