namespace Tapback.Gateway.Governor;

/// <summary>
/// What the governor counts of a send when it is handed to a governed transport: on which number, to
/// which conversation, and whether an agent sent it (only an agent's messages wait for an answer).
/// </summary>
internal sealed record GovernorTally(string NumberKey, string ConversationId, bool AgentSend)
{
    /// <summary>The write the outbox runs in its mark-in-flight transaction.</summary>
    public Task RecordAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, long now, CancellationToken cancellationToken) =>
        GovernorStore.RecordSendAsync(connection, transaction, this, now, cancellationToken);
}
