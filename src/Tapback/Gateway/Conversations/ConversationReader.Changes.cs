using System.Data.Common;
using Dapper;

namespace Tapback.Gateway.Conversations;

internal sealed partial class ConversationReader
{
    /// <summary>The message an edit or unsend event names, as it stands now; null when it is gone (purged).</summary>
    public static async Task<MessageChange?> FindChangeAsync(DbConnection connection, string? messageId, CancellationToken cancellationToken = default)
    {
        var row = await connection.QuerySingleOrDefaultAsync<(string Sender, string Body, long? EditedAt, long? UnsentAt)?>(new CommandDefinition(
            "SELECT sender, body, edited_at, unsent_at FROM messages WHERE id = @messageId",
            new { messageId },
            cancellationToken: cancellationToken));
        return row is { } found
            ? new MessageChange(found.Sender, found.UnsentAt is null ? found.Body : null, At(found.EditedAt), At(found.UnsentAt))
            : null;
    }

    /// <summary>A stored Unix-milliseconds time (edited_at, unsent_at …) as the surfaces write it; null stays null.</summary>
    internal static DateTimeOffset? At(long? unixMs) => unixMs is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
}
