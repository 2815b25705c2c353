namespace Tapback.Client;

/// <summary>What the gateway said about one <c>send_message</c>: sent (with its message id), failed, or refused.</summary>
internal sealed record SendOutcome(string ChatId, string? MessageId, string? Error, bool Refused = false);
