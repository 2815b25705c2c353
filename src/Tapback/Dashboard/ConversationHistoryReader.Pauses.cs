using Tapback.Gateway.Governor.Loops;

namespace Tapback.Dashboard;

/// <summary>Where the loop breaker paused the conversation and where it was resumed, as lines of its history.</summary>
internal sealed partial class ConversationHistoryReader
{
    private static IEnumerable<HistoryItem> PauseNotes(IReadOnlyList<ConversationPause> pauses, IReadOnlyList<(long Seq, long CreatedAt)> shown)
    {
        foreach (var pause in pauses)
        {
            if (Note("pause", pause.Id, pause.PausedAt, $"Paused by the loop breaker: {pause.Evidence.Detail}", shown) is { } paused)
            {
                yield return paused;
            }

            if (pause.ResumedAt is { } resumedAt
                && Note("resume", pause.Id + ":resumed", resumedAt, $"Resumed by the {pause.ResumedBy ?? "operator"}; held sends went out in order.", shown) is { } resumed)
            {
                yield return resumed;
            }
        }
    }

    // A pause has a time, not a seq: it sits after the last shown message stored no later (the one that tripped it).
    private static HistoryItem? Note(string kind, string id, DateTimeOffset at, string text, IReadOnlyList<(long Seq, long CreatedAt)> shown)
    {
        var before = shown.LastOrDefault(message => message.CreatedAt <= at.ToUnixTimeMilliseconds());
        return before.Seq > 0 ? new HistoryItem { Kind = kind, Id = id, At = at, Seq = before.Seq, Text = text } : null;
    }
}
