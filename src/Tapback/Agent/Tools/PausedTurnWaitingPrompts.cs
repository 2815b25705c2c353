using System.Data.Common;
using Tapback.Gateway.Inbox;

namespace Tapback.Agent.Tools;

/// <summary>Tells the inbox when the built-in agent waits for an answer: a paused turn (a question or an approval) in the conversation.</summary>
internal sealed class PausedTurnWaitingPrompts : IWaitingPrompts
{
    public Task<bool> IsWaitingAsync(DbConnection connection, DbTransaction transaction, string conversationId, CancellationToken cancellationToken) =>
        PausedTurnStore.IsWaitingAsync(connection, transaction, conversationId, cancellationToken);
}
