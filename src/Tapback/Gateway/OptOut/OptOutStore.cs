using System.Data.Common;
using Dapper;
using Tapback.Storage;
using Tapback.Storage.GroupCommits;

namespace Tapback.Gateway.OptOut;

/// <summary>Who texted STOP, per transport: written inside the inbox's transaction, read by the outbox and operators.</summary>
internal sealed class OptOutStore(Database database)
{
    /// <summary>Whether <c>@handle</c> texted STOP on <c>@transport</c>, as an SQL expression the router reads in its one routing statement.</summary>
    public const string OptedOutCondition = "EXISTS (SELECT 1 FROM opt_outs WHERE transport = @transport AND handle = @handle)";

    /// <summary>Records the opt-out; false when the handle was already opted out (no second confirmation).</summary>
    public static async Task<bool> AddAsync(DbConnection connection, DbTransaction transaction, string transport, string handle, string keyword, long now, CancellationToken cancellationToken) =>
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO opt_outs (transport, handle, keyword, created_at) VALUES (@transport, @handle, @keyword, @now) ON CONFLICT (transport, handle) DO NOTHING",
            new { transport, handle, keyword, now },
            transaction,
            cancellationToken: cancellationToken)) == 1;

    /// <summary>Lifts the opt-out; false when the handle was not opted out.</summary>
    public static async Task<bool> RemoveAsync(DbConnection connection, DbTransaction transaction, string transport, string handle, CancellationToken cancellationToken) =>
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM opt_outs WHERE transport = @transport AND handle = @handle",
            new { transport, handle },
            transaction,
            cancellationToken: cancellationToken)) == 1;

    public static async Task<bool> IsOptedOutAsync(DbConnection connection, DbTransaction transaction, string transport, string handle, CancellationToken cancellationToken) =>
        await PreparedStatements.ScalarAsync<bool>(
            connection,
            transaction,
            $"SELECT {OptedOutCondition}",
            cancellationToken,
            ("@transport", transport),
            ("@handle", handle));

    private const string ConversationOptedOut =
        """
        SELECT EXISTS (
            SELECT 1 FROM conversations c
            JOIN opt_outs o ON o.transport = c.transport AND o.handle = c.handle
            WHERE c.id = @conversationId AND c.is_group = FALSE)
        """;

    /// <summary>True when the person of a one-to-one conversation texted STOP (groups have no single person to stop).</summary>
    public async Task<bool> IsConversationOptedOutAsync(string conversationId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(ConversationOptedOut, new { conversationId }, cancellationToken: cancellationToken));
    }

    /// <summary>The same, inside a write: the outbox's, which then cannot send to someone whose STOP committed before it.</summary>
    public static async Task<bool> IsConversationOptedOutAsync(DbConnection connection, DbTransaction transaction, string conversationId, CancellationToken cancellationToken) =>
        await PreparedStatements.ScalarAsync<bool>(connection, transaction, ConversationOptedOut, cancellationToken, ("@conversationId", conversationId));

    public async Task<IReadOnlyList<OptOutRecord>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<OptOutRecord>(new CommandDefinition(
            "SELECT transport AS Transport, handle AS Handle, keyword AS Keyword, created_at AS CreatedAt FROM opt_outs ORDER BY created_at DESC",
            cancellationToken: cancellationToken));
        return [.. rows];
    }
}
