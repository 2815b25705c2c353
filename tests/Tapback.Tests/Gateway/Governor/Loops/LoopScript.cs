using System.Globalization;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Tapback.Storage;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Gateway.Governor.Loops;

/// <summary>
/// A phone on the simulator scripted as a bot or a person, against the built-in (offline) agent, on
/// the fake clock: each round the phone texts after a chosen delay and Tapback settles (answers, or
/// not) before the next one. The loop breaker watches the simulator here (<c>ApplyToSimulator</c>).
/// </summary>
internal static class LoopScript
{
    public const string AdminToken = "loop-breaker-admin-token-0123456789";

    public static Dictionary<string, string?> Settings(int fastReplyRounds = 10) => new()
    {
        ["Tapback:Governor:ApplyToSimulator"] = "true",
        ["Tapback:Governor:LoopBreaker:FastReplyRounds"] = fastReplyRounds.ToString(CultureInfo.InvariantCulture),
        ["Tapback:Admin:Token"] = AdminToken,
    };

    /// <summary>
    /// Waits <paramref name="after"/> on the fake clock (the phone's reply time after the agent's last
    /// bubble), texts, and advances until Tapback has nothing left to do. Returns how many bubbles the agent answered with.
    /// </summary>
    public static async Task<int> RoundAsync(TapbackTestHost host, string phone, string text, TimeSpan after)
    {
        host.Time.Advance(after);
        var before = await AnswersAsync(host, phone);
        await host.SendAsync(phone, text);
        await host.AdvanceUntilAsync(host.IsIdleAsync);
        return await AnswersAsync(host, phone) - before;
    }

    /// <summary>The agent's bubbles the phone has received.</summary>
    public static async Task<int> AnswersAsync(TapbackTestHost host, string phone) =>
        (await host.EventsAsync(phone)).Count(e => e.Type == "message.received");

    /// <summary>The text of the agent's last bubble on the phone.</summary>
    public static async Task<string> LastAnswerAsync(TapbackTestHost host, string phone) =>
        (await host.EventsAsync(phone)).Last(e => e.Type == "message.received").Text!;

    public static async Task<string> ConversationIdAsync(TapbackTestHost host, string phone)
    {
        await using var connection = await host.Services.GetRequiredService<Database>().OpenAsync();
        return await connection.ExecuteScalarAsync<string>("SELECT id FROM conversations WHERE handle = @phone AND is_group = FALSE", new { phone }) ?? string.Empty;
    }

    /// <summary>The conversation's pauses, oldest first.</summary>
    public static async Task<IReadOnlyList<PauseRow>> PausesAsync(TapbackTestHost host, string conversationId)
    {
        await using var connection = await host.Services.GetRequiredService<Database>().OpenAsync();
        return [.. await connection.QueryAsync<PauseRow>(
            "SELECT reason AS Reason, evidence_kind AS EvidenceKind, rounds AS Rounds, detail AS Detail, evidence AS Evidence, paused_at AS PausedAt, resumed_at AS ResumedAt, resumed_by AS ResumedBy FROM conversation_pauses WHERE conversation_id = @conversationId ORDER BY paused_at",
            new { conversationId })];
    }

    public static HttpClient Admin(TapbackTestHost host)
    {
        var admin = new HttpClient { BaseAddress = host.BaseAddress };
        admin.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AdminToken);
        return admin;
    }

    internal sealed record PauseRow
    {
        public string Reason { get; init; } = string.Empty;
        public string EvidenceKind { get; init; } = string.Empty;
        public long Rounds { get; init; }
        public string Detail { get; init; } = string.Empty;
        public string Evidence { get; init; } = string.Empty;
        public long PausedAt { get; init; }
        public long? ResumedAt { get; init; }
        public string? ResumedBy { get; init; }
    }
}
