namespace Tapback.Gateway.Governor;

/// <summary>
/// What the governor counts of a send when it is handed to a governed transport: on which number, to
/// which conversation, and whether it is a message that waits for the person's answer (an agent's, and
/// not a later bubble of an answer already counted: <see cref="UnansweredLimitRule"/>).
/// </summary>
internal sealed record GovernorTally(string NumberKey, string ConversationId, bool AwaitsAnswer)
{
    /// <summary>The write the outbox runs in its mark-in-flight transaction.</summary>
    public Task RecordAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, long now, CancellationToken cancellationToken) =>
        GovernorStore.RecordSendAsync(connection, transaction, this, now, cancellationToken);
}
