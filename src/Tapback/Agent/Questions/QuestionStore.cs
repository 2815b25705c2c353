using System.Text.Json;
using Dapper;
using Tapback.Agent.Tools;
using Tapback.Gateway.Outbox;
using Tapback.Storage;

namespace Tapback.Agent.Questions;

/// <summary>The questions table: what was asked, its options, and the answer once it came.</summary>
internal sealed class QuestionStore(Database database, Tapback.Storage.GroupCommits.GroupCommit groupCommit, TimeProvider time)
{
    public static Task InsertAsync(OutboxTransaction write, PendingQuestion question, string conversationId) =>
        write.Connection.ExecuteAsync(new CommandDefinition(
            $"""
            INSERT INTO questions (id, paused_turn_id, conversation_id, call_id, question, options, state, created_at)
            VALUES (@Id, @PausedTurnId, @conversationId, @CallId, @Question, @options, '{QuestionStates.Pending}', @now)
            """,
            new
            {
                question.Id,
                question.PausedTurnId,
                conversationId,
                question.CallId,
                question.Question,
                options = JsonSerializer.Serialize([.. question.Options], ToolsJsonContext.Wire.StringArray),
                now = write.Now,
            },
            write.Transaction,
            cancellationToken: write.CancellationToken));

    public static Task CancelPendingAsync(OutboxTransaction write, string pausedTurnId) =>
        write.Connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE questions SET state = '{QuestionStates.Cancelled}', answered_at = @now WHERE paused_turn_id = @pausedTurnId AND state = '{QuestionStates.Pending}'",
            new { pausedTurnId, now = write.Now },
            write.Transaction,
            cancellationToken: write.CancellationToken));

    public async Task<PendingQuestion?> FindAsync(string pausedTurnId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            """
            SELECT id AS Id, paused_turn_id AS PausedTurnId, call_id AS CallId, question AS Question, options AS Options,
                   state AS State, answer AS Answer, answer_message_id AS AnswerMessageId
            FROM questions WHERE paused_turn_id = @pausedTurnId
            """,
            new { pausedTurnId },
            cancellationToken: cancellationToken));
        return row is null ? null : new PendingQuestion
        {
            Id = row.Id,
            PausedTurnId = row.PausedTurnId,
            CallId = row.CallId,
            Question = row.Question,
            Options = JsonSerializer.Deserialize(row.Options, ToolsJsonContext.Wire.StringArray) ?? [],
            State = row.State,
            Answer = row.Answer,
            AnswerMessageId = row.AnswerMessageId,
        };
    }

    /// <summary>Records the answer if the question is still open; false when it was answered already.</summary>
    public async Task<bool> AnswerAsync(string questionId, QuestionAnswer answer, string messageId, CancellationToken cancellationToken = default)
    {
        // In the group commit on SQLite: a write of its own waited in SQLite's sleeping busy handler behind the inbound batches.
        var changed = await groupCommit.ExecuteAsync(
            $"""
            UPDATE questions SET state = '{QuestionStates.Answered}', answer = @Text, chosen_option = @Option, answer_message_id = @messageId, answered_at = @now
            WHERE id = @questionId AND state = '{QuestionStates.Pending}'
            """,
            new { questionId, answer.Text, answer.Option, messageId, now = time.GetUtcNow().ToUnixTimeMilliseconds() },
            cancellationToken);
        return changed == 1;
    }

    private sealed record Row
    {
        public required string Id { get; init; }
        public required string PausedTurnId { get; init; }
        public required string CallId { get; init; }
        public required string Question { get; init; }
        public required string Options { get; init; }
        public required string State { get; init; }
        public string? Answer { get; init; }
        public string? AnswerMessageId { get; init; }
    }
}
