namespace Tapback.Client;

/// <summary>What the gateway said about one <c>send_message</c>: sent (with its message id), held, failed, or refused.</summary>
internal sealed record SendOutcome(string ChatId, string? MessageId, string? Error, bool Refused = false, string? HeldReason = null)
{
    /// <summary>Held is not the end of a send: a later sent or failed replaces it.</summary>
    public bool IsFinal => HeldReason is null;
}
