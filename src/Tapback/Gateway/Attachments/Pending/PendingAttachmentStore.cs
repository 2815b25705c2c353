using System.Data.Common;
using Dapper;
using Tapback.Gateway.AgentQueue;
using Tapback.Gateway.Conversations;
using Tapback.Gateway.Integrations;
using Tapback.Gateway.Routing;
using Tapback.Storage;

namespace Tapback.Gateway.Attachments.Pending;

/// <summary>
/// The files stored messages still wait for (<c>pending_attachments</c>): which are due, one that
/// arrived (added to its message, and its agent told, in one transaction), one to try again later
/// (backing off), one given up.
/// </summary>
internal sealed class PendingAttachmentStore(Database database, ConversationReader conversations, MessageRouter router, AgentLinkSignals linkSignals)
{
    /// <summary>A try after the first failure; each later one waits twice as long, up to <see cref="LongestWait"/>.</summary>
    public static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(15);

    public static readonly TimeSpan LongestWait = TimeSpan.FromMinutes(30);

    /// <summary>Tries after the transport's own first download before a file is given up: about a day of waiting.</summary>
    public const int MaxTries = 60;

    public async Task<IReadOnlyList<PendingAttachment>> DueAsync(string transport, long now, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return [.. await connection.QueryAsync<PendingAttachment>(new CommandDefinition(
            """
            SELECT transport AS Transport, file_key AS Key, message_id AS MessageId, position AS Position, source AS Source,
                   file_name AS FileName, content_type AS ContentType, tries AS Tries
            FROM pending_attachments WHERE transport = @transport AND next_attempt_at <= @now
            ORDER BY next_attempt_at LIMIT @limit
            """,
            new { transport, now, limit },
            cancellationToken: cancellationToken))];
    }

    /// <summary>The names of the files each of the messages still waits for, by message id.</summary>
    public async Task<ILookup<string, string?>> WaitingForAsync(IReadOnlyCollection<string> messageIds, CancellationToken cancellationToken = default)
    {
        if (messageIds.Count == 0)
        {
            return Array.Empty<(string MessageId, string? FileName)>().ToLookup(row => row.MessageId, row => row.FileName);
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        return await WaitingForAsync(connection, transaction: null, messageIds, cancellationToken);
    }

    /// <summary>The same, on the caller's connection (in its transaction, when it has one): a turn's reads share one.</summary>
    public static async Task<ILookup<string, string?>> WaitingForAsync(
        DbConnection connection, DbTransaction? transaction, IReadOnlyCollection<string> messageIds, CancellationToken cancellationToken)
    {
        if (messageIds.Count == 0)
        {
            return Array.Empty<(string MessageId, string? FileName)>().ToLookup(row => row.MessageId, row => row.FileName);
        }

        var rows = await connection.QueryAsync<(string MessageId, string? FileName)>(new CommandDefinition(
            $"SELECT message_id, file_name FROM pending_attachments WHERE message_id {SqlDialect.InListOneText(connection, "@messageIds")} ORDER BY position",
            new { messageIds = SqlDialect.ListValue(connection, messageIds) },
            transaction,
            cancellationToken: cancellationToken));
        return rows.ToLookup(row => row.MessageId, row => row.FileName);
    }

    /// <summary>
    /// The file arrived: it joins its message and is no longer pending, and the integration that
    /// answers the sender hears <c>message.updated</c>, together. The built-in agent reads the message's
    /// files from the store on its next turn, so it needs no event.
    /// </summary>
    public async Task AttachAsync(PendingAttachment file, StoredAttachment stored, long now, CancellationToken cancellationToken = default)
    {
        var message = await conversations.FindMessageAsync(file.MessageId, cancellationToken);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await Database.BeginWriteAsync(connection, cancellationToken);
        var deleted = await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM pending_attachments WHERE transport = @Transport AND file_key = @Key",
            new { file.Transport, file.Key },
            transaction,
            cancellationToken: cancellationToken));
        if (deleted == 0 || message is null)
        {
            // Another node took it first, or the conversation was purged meanwhile.
            await transaction.CommitAsync(cancellationToken);
            return;
        }

        await AttachmentRows.InsertAtAsync(connection, transaction, file.MessageId, [stored], (attachment, _) => attachment.Id, (int)file.Position, now, cancellationToken);
        var link = await router.RouteAsync(connection, transaction, file.Transport, message.Sender, cancellationToken);
        var told = link is not null && IntegrationLinks.TryParse(link, out _);
        var webhooks = told && await AgentQueueStore.EnqueueAsync(
            connection, transaction, link!, message.ConversationId, AgentQueueKinds.MessageUpdated, message.Id, null, null, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (told)
        {
            linkSignals.Notify(link!, webhooks);
        }
    }

    /// <summary>Not yet: tried again after a wait that doubles with each try; false when it is given up instead.</summary>
    public async Task<bool> RetryLaterAsync(PendingAttachment file, long now, CancellationToken cancellationToken = default)
    {
        if (file.Tries + 1 >= MaxTries)
        {
            await GiveUpAsync(file, cancellationToken);
            return false;
        }

        var wait = Math.Min(FirstRetry.TotalMilliseconds * Math.Pow(2, file.Tries + 1), LongestWait.TotalMilliseconds);
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE pending_attachments SET tries = tries + 1, next_attempt_at = @next WHERE transport = @Transport AND file_key = @Key",
            new { next = now + (long)wait, file.Transport, file.Key },
            cancellationToken: cancellationToken));
        return true;
    }

    public async Task GiveUpAsync(PendingAttachment file, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM pending_attachments WHERE transport = @Transport AND file_key = @Key",
            new { file.Transport, file.Key },
            cancellationToken: cancellationToken));
    }
}
