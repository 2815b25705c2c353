using Dapper;
using Tapback.Storage;

namespace Tapback.Transports.Sendblue;

/// <summary>Which of our Sendblue numbers each chat last texted, so replies come from the number the person knows.</summary>
internal sealed class SendblueLines(Database database, TimeProvider time)
{
    public async Task<string?> GetAsync(string transport, string chatId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT line FROM sendblue_lines WHERE transport = @transport AND chat_id = @chatId",
            new { transport, chatId },
            cancellationToken: cancellationToken));
    }

    public async Task SetAsync(string transport, string chatId, string line, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO sendblue_lines (transport, chat_id, line, updated_at) VALUES (@transport, @chatId, @line, @now)
            ON CONFLICT (transport, chat_id) DO UPDATE SET line = excluded.line, updated_at = excluded.updated_at
            """,
            new { transport, chatId, line, now },
            cancellationToken: cancellationToken));
    }
}
