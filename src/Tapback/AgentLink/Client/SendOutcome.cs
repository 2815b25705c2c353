namespace Tapback.AgentLink.Client;

/// <summary>What the gateway said about one <c>send_message</c>: its message id, or why it failed.</summary>
internal sealed record SendOutcome(string? MessageId, string? Error);
