using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Tapback.Storage;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Security;

/// <summary>
/// Rows that must never exist, whatever was sent: each query counts the orphans or half-written
/// records a failed request could leave behind. Empty results mean the store is whole.
/// </summary>
internal static class StoreInvariants
{
    private static readonly (string Name, string Sql)[] Checks =
    [
        ("inbox rows whose message is missing", "SELECT count(*) FROM inbox i WHERE i.message_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.id = i.message_id)"),
        ("inbound messages without their inbox row", "SELECT count(*) FROM messages m WHERE m.direction = 'in' AND NOT EXISTS (SELECT 1 FROM inbox i WHERE i.message_id = m.id)"),
        ("messages without a conversation", "SELECT count(*) FROM messages m WHERE NOT EXISTS (SELECT 1 FROM conversations c WHERE c.id = m.conversation_id)"),
        ("agent queue rows whose message is missing", "SELECT count(*) FROM agent_queue q WHERE q.message_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.id = q.message_id)"),
        ("outbox rows whose message is missing", "SELECT count(*) FROM outbox o WHERE o.message_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.id = o.message_id)"),
        ("attachments whose message is missing", "SELECT count(*) FROM attachments a WHERE NOT EXISTS (SELECT 1 FROM messages m WHERE m.id = a.message_id)"),
        ("outbound messages without an outbox row", "SELECT count(*) FROM messages m WHERE m.direction = 'out' AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.message_id = m.id)"),
    ];

    /// <summary>The names and counts of every broken invariant; empty when the store is whole.</summary>
    public static async Task<IReadOnlyList<string>> BrokenAsync(TapbackTestHost host)
    {
        await using var connection = await host.Services.GetRequiredService<Database>().OpenAsync();
        var broken = new List<string>();
        foreach (var (name, sql) in Checks)
        {
            var count = await connection.ExecuteScalarAsync<long>(sql);
            if (count > 0)
            {
                broken.Add($"{count} {name}");
            }
        }

        return broken;
    }
}
