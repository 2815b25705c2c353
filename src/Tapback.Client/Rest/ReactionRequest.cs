namespace Tapback.Client;

/// <summary><c>POST /v2/messages/{id}/reactions</c>: <c>+love</c> adds, <c>-love</c> removes.</summary>
internal sealed record ReactionRequest(string Reaction);
