using System.Data.Common;
using Dapper;
using Tapback.Storage;

namespace Tapback.Gateway.Integrations;

/// <summary>
/// The conversations an integration's history purge removes, handed to each feature's
/// <see cref="IIntegrationCleanup.PurgeAsync"/>. The selection of their messages is the conversations'
/// owner's to write, so a feature keyed by message id asks through <see cref="MessageIn"/>.
/// </summary>
internal sealed record ConversationPurge(IReadOnlyList<string> ConversationIds)
{
    /// <summary>"is one of the purged conversations", bound to <see cref="Parameters"/>' <c>@conversationIds</c>.</summary>
    public static string ConversationIn(DbConnection connection) => SqlDialect.InList(connection, "@conversationIds");

    /// <summary>"is a message of the purged conversations", bound to <see cref="Parameters"/>.</summary>
    public static string MessageIn(DbConnection connection) => $"IN (SELECT id FROM messages WHERE conversation_id {ConversationIn(connection)})";

    public object Parameters => new { conversationIds = ConversationIds.ToArray() };

    /// <summary>Runs <paramref name="statements"/>, in order, each bound to <see cref="Parameters"/>.</summary>
    public async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken, params string[] statements)
    {
        foreach (var statement in statements)
        {
            await connection.ExecuteAsync(new CommandDefinition(statement, Parameters, transaction, cancellationToken: cancellationToken));
        }
    }
}
