namespace Tapback.AgentLink.Rest;

/// <summary><c>PATCH /v2/messages/{id}</c>: the message's new text.</summary>
internal sealed record EditMessageRequest
{
    public string? Body { get; init; }
}
