using Tapback.Gateway.Conversations;

namespace Tapback.Agent.Turns;

/// <summary>
/// How the model sees the message an inline reply answers: a short quote before the person's words,
/// so "yes, that one" reads as an answer to the bubble they swiped on, not to the newest one.
/// </summary>
internal static class ReplyQuotes
{
    // Enough to recognise the message; a long one is the model's to find in the history if it matters.
    private const int MaxQuoteLength = 200;

    /// <summary>
    /// The line that opens <paramref name="reply"/>, which answers <paramref name="original"/> (null: a
    /// message Tapback never stored). Whose it was matters: the agent's, the replier's own, or (in a
    /// group) someone else's, named as the group's history names them.
    /// </summary>
    public static string Quote(StoredMessage reply, StoredMessage? original)
    {
        if (original is null)
        {
            return "[Replying to an earlier message.]";
        }

        if (original.UnsentAt is not null)
        {
            return "[Replying to a message that was unsent.]";
        }

        var whose = !original.IsInbound ? "your" : original.Sender == reply.Sender ? "their own" : $"{original.Sender}'s";
        var text = original.Body.Trim();
        if (text.Length == 0)
        {
            return $"[Replying to {whose} message with a file.]";
        }

        var quote = text.Length > MaxQuoteLength ? text[..MaxQuoteLength].TrimEnd() + "…" : text;
        return $"[Replying to {whose} message: \"{quote}\"]";
    }
}
