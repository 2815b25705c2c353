using System.Data.Common;

namespace Tapback.Gateway.Inbox;

/// <summary>
/// A feature that can wait for a person's answer in a chat (the built-in agent's question or
/// approval). While one waits, <c>cancel</c>, <c>end</c> and <c>quit</c> answer it instead of opting
/// the person out. Asked inside the inbox's transaction; the inbox never reads the feature's tables.
/// </summary>
internal interface IWaitingPrompts
{
    Task<bool> IsWaitingAsync(DbConnection connection, DbTransaction transaction, string conversationId, CancellationToken cancellationToken);
}
