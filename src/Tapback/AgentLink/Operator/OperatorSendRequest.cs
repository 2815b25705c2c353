namespace Tapback.AgentLink.Operator;

/// <summary><c>POST /api/admin/conversations/{id}/messages</c>: the operator's reply, as text.</summary>
internal sealed record OperatorSendRequest
{
    /// <summary>The text to send, as REST's <c>body</c>.</summary>
    public string? Body { get; init; }
}
