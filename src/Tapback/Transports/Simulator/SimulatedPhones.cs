using Dapper;
using Tapback.Messaging;
using Tapback.Storage;

namespace Tapback.Transports.Simulator;

/// <summary>
/// Which simulated phones are on iMessage. Every phone is, until the page or
/// <c>PUT /api/simulator/phones/{handle}</c> makes it SMS-only: then its messages go as SMS (green,
/// without effects, replies, edits or unsends, as Messages sends them) and the transport's handle
/// lookup answers false. Stored, so a restart keeps it.
/// </summary>
internal sealed class SimulatedPhones(Database database, TimeProvider time)
{
    public async Task<bool> IsOnIMessageAsync(string handle, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var imessage = await connection.ExecuteScalarAsync<bool?>(new CommandDefinition(
            "SELECT imessage FROM simulator_phones WHERE handle = @handle",
            new { handle },
            cancellationToken: cancellationToken));
        return imessage ?? true;
    }

    /// <summary>The service a message to or from this chat goes over: a group is always iMessage.</summary>
    public async Task<string> ServiceAsync(string chatId, CancellationToken cancellationToken = default) =>
        chatId.StartsWith(SimulatorChats.GroupPrefix, StringComparison.Ordinal) || await IsOnIMessageAsync(chatId, cancellationToken)
            ? MessageServices.IMessage
            : MessageServices.Sms;

    public async Task SetAsync(string handle, bool imessage, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO simulator_phones (handle, imessage, updated_at) VALUES (@handle, @imessage, @now)
            ON CONFLICT (handle) DO UPDATE SET imessage = excluded.imessage, updated_at = excluded.updated_at
            """,
            new { handle, imessage, now = time.GetUtcNow().ToUnixTimeMilliseconds() },
            cancellationToken: cancellationToken));
    }
}
