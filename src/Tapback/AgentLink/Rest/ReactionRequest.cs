namespace Tapback.AgentLink.Rest;

/// <summary><c>POST /v2/messages/{id}/reactions</c>: <c>"+love"</c> adds a tapback, <c>"-love"</c> removes it.</summary>
internal sealed record ReactionRequest
{
    public string? Reaction { get; init; }
}
