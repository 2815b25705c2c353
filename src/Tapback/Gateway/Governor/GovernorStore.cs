using System.Data.Common;
using Dapper;
using Tapback.Gateway.Conversations;
using Tapback.Storage;

namespace Tapback.Gateway.Governor;

/// <summary>
/// The governor's counts (<c>governor_sends</c>, <c>governor_unanswered</c>, <c>governor_traffic</c>,
/// migration 0033) and what its rules read. The writes run inside other features' transactions that
/// happen anyway (the outbox marking a send in flight, the inbox storing a person's message), so
/// counting costs no commit of its own (issue 23 is about the store path's speed). Each read is a key
/// lookup or an index range of at most a limit's worth of rows. Whether a send starts a conversation
/// is read from the conversation's messages (read only; the Conversations feature writes them).
/// </summary>
internal sealed class GovernorStore(Database database, TimeProvider time)
{
    public static readonly TimeSpan Day = TimeSpan.FromDays(1);

    public static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private const long HourMs = 3_600_000;

    /// <summary>The outbound states of a message that went to the transport (a failed one did not reach the person).</summary>
    private const string WentOut = $"'{MessageStates.Sent}', '{MessageStates.Delivered}', '{MessageStates.Read}', '{MessageStates.Unknown}'";

    /// <summary>
    /// True when no one has written in the conversation and nothing went to it yet: a send now starts
    /// it. Stops at the conversation's first such message (ix_messages_conversation).
    /// </summary>
    private const string StartsConversation =
        $"NOT EXISTS (SELECT 1 FROM messages WHERE conversation_id = @conversationId AND (direction = '{MessageDirections.Inbound}' OR state IN ({WentOut})))";

    /// <summary>
    /// How many of the agents' messages went to the conversation since its person's last message, in
    /// the order they really went (a message queued before the person wrote and sent after is not
    /// answered). The gateway's own messages and operators' replies are not the agent's and do not count.
    /// </summary>
    public async Task<int> UnansweredAsync(string conversationId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT coalesce((SELECT unanswered FROM governor_unanswered WHERE conversation_id = @conversationId), 0)",
            new { conversationId },
            cancellationToken: cancellationToken));
    }

    /// <summary>Null while fewer than <paramref name="limit"/> sends went to the conversation in the last minute; else when the minute frees a place.</summary>
    public Task<DateTimeOffset?> RecipientFullUntilAsync(string conversationId, int limit, CancellationToken cancellationToken) =>
        FullUntilAsync(
            "SELECT sent_at FROM governor_sends WHERE conversation_id = @key AND sent_at > @since ORDER BY sent_at DESC LIMIT @limit",
            conversationId,
            Minute,
            limit,
            cancellationToken);

    /// <summary>Null while the number started fewer than <paramref name="limit"/> conversations in the last day; else when the day frees a place.</summary>
    public Task<DateTimeOffset?> StartsFullUntilAsync(string numberKey, int limit, CancellationToken cancellationToken) =>
        FullUntilAsync(
            "SELECT sent_at FROM governor_sends WHERE number_key = @key AND starts_conversation AND sent_at > @since ORDER BY sent_at DESC LIMIT @limit",
            numberKey,
            Day,
            limit,
            cancellationToken);

    private async Task<DateTimeOffset?> FullUntilAsync(string sql, string key, TimeSpan window, int limit, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken);
        var recent = (await connection.QueryAsync<long>(new CommandDefinition(
            sql, new { key, since = now - (long)window.TotalMilliseconds, limit }, cancellationToken: cancellationToken))).ToList();
        // A place frees when the oldest of the last `limit` sends falls out of the window.
        return recent.Count < limit ? null : DateTimeOffset.FromUnixTimeMilliseconds(recent[^1] + (long)window.TotalMilliseconds + 1);
    }

    /// <summary>True when a send to the conversation now would start it (see <see cref="StartsConversation"/>).</summary>
    public async Task<bool> StartsConversationAsync(string conversationId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition($"SELECT {StartsConversation}", new { conversationId }, cancellationToken: cancellationToken));
    }

    /// <summary>The number's messages out and in over the last day: the hours that started within the last 24 hours.</summary>
    public async Task<(long Outbound, long Inbound)> DayTrafficAsync(string numberKey, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleAsync<(long, long)>(new CommandDefinition(
            "SELECT coalesce(sum(outbound), 0), coalesce(sum(inbound), 0) FROM governor_traffic WHERE number_key = @numberKey AND hour_start > @since",
            new { numberKey, since = now - (long)Day.TotalMilliseconds },
            cancellationToken: cancellationToken));
    }

    /// <summary>The start of the hour after <paramref name="at"/>: the ratio's counts change by the hour.</summary>
    public static DateTimeOffset NextHour(DateTimeOffset at) =>
        DateTimeOffset.FromUnixTimeMilliseconds(((at.ToUnixTimeMilliseconds() / HourMs) + 1) * HourMs);

    /// <summary>
    /// Counts a send handed to a governed transport, in the outbox's own write that marks it in flight:
    /// a row for the per-recipient minute and the new conversations (whether it starts one is decided
    /// here, in the same transaction), and the number's outbound hour.
    /// </summary>
    public static Task RecordSendAsync(DbConnection connection, DbTransaction transaction, GovernorTally tally, long now, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            $"""
            INSERT INTO governor_sends (number_key, conversation_id, sent_at, starts_conversation)
            VALUES (@NumberKey, @conversationId, @now, {StartsConversation});
            INSERT INTO governor_traffic (number_key, hour_start, outbound, inbound) VALUES (@NumberKey, @hour, 1, 0)
            ON CONFLICT (number_key, hour_start) DO UPDATE SET outbound = governor_traffic.outbound + 1;
            {(tally.AwaitsAnswer ? UnansweredPlusOne : string.Empty)}
            """,
            new { tally.NumberKey, conversationId = tally.ConversationId, now, hour = now / HourMs * HourMs },
            transaction,
            cancellationToken: cancellationToken));

    private const string UnansweredPlusOne =
        """
        INSERT INTO governor_unanswered (conversation_id, unanswered) VALUES (@conversationId, 1)
        ON CONFLICT (conversation_id) DO UPDATE SET unanswered = governor_unanswered.unanswered + 1;
        """;

    /// <summary>
    /// Counts a person's message to a governed number (when the ratio is on), and answers the
    /// conversation's unanswered messages, in the inbox's transaction that stores it.
    /// </summary>
    public static Task RecordInboundAsync(DbConnection connection, DbTransaction transaction, string numberKey, string conversationId, bool countInbound, long now, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            $"""
            DELETE FROM governor_unanswered WHERE conversation_id = @conversationId;
            {(countInbound ? """
                INSERT INTO governor_traffic (number_key, hour_start, outbound, inbound) VALUES (@numberKey, @hour, 0, 1)
                ON CONFLICT (number_key, hour_start) DO UPDATE SET inbound = governor_traffic.inbound + 1;
                """ : string.Empty)}
            """,
            new { numberKey, conversationId, hour = now / HourMs * HourMs },
            transaction,
            cancellationToken: cancellationToken));

    /// <summary>Forgets the counts older than a day (no limit looks further back); returns how many rows went.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        var dayAgo = time.GetUtcNow().ToUnixTimeMilliseconds() - (long)Day.TotalMilliseconds;
        await using var connection = await database.OpenAsync(cancellationToken);
        var sends = await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM governor_sends WHERE sent_at <= @dayAgo", new { dayAgo }, cancellationToken: cancellationToken));
        var hours = await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM governor_traffic WHERE hour_start <= @before", new { before = dayAgo - HourMs }, cancellationToken: cancellationToken));
        return sends + hours;
    }
}
