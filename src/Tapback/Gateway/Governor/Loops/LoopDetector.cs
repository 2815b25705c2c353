using System.Globalization;

namespace Tapback.Gateway.Governor.Loops;

/// <summary>
/// Decides, from a conversation's recent exchange, whether it looks like two programs talking. A round
/// is a reply of the other side to a message the agent sent since the other side last wrote; a second
/// message in a row of theirs answers nothing and neither counts nor breaks a streak. Only the newest
/// reply can trip it, so a conversation is judged once per message, the moment the evidence is complete.
/// </summary>
internal static class LoopDetector
{
    /// <param name="replies">The other side's messages since the window began, oldest first; the last is the one just stored.</param>
    /// <param name="sends">The agent's messages sent since the window began, oldest first by when they were sent.</param>
    public static LoopEvidence? Detect(IReadOnlyList<ExchangedMessage> replies, IReadOnlyList<ExchangedMessage> sends, LoopBreakerOptions options)
    {
        var rounds = Rounds(replies, sends);
        if (rounds.Count == 0 || rounds[^1].Index != replies.Count - 1)
        {
            // The newest message answered nothing of the agent's: no new round, no new evidence.
            return null;
        }

        return FastReplies(rounds, options) ?? Echoes(rounds, options) ?? Repeats(rounds, options);
    }

    private static List<Round> Rounds(IReadOnlyList<ExchangedMessage> replies, IReadOnlyList<ExchangedMessage> sends)
    {
        var rounds = new List<Round>(replies.Count);
        var previous = long.MinValue;
        var next = 0;
        for (var index = 0; index < replies.Count; index++)
        {
            var reply = replies[index];
            // The agent's latest message sent since the other side's previous one and before this reply.
            // A send in the same millisecond as a reply is not what it answers (nothing answers in 0 ms:
            // it is the agent's answer to it, such as the pairing code to /setup); it may prompt the next.
            ExchangedMessage? prompt = null;
            while (next < sends.Count && sends[next].At < reply.At)
            {
                if (sends[next].At >= previous)
                {
                    prompt = sends[next];
                }

                next++;
            }

            if (prompt is { } answered)
            {
                rounds.Add(new Round(index, answered, reply));
            }

            previous = reply.At;
        }

        return rounds;
    }

    private static LoopEvidence? FastReplies(List<Round> rounds, LoopBreakerOptions options)
    {
        var within = (long)options.FastReplyWithin.TotalMilliseconds;
        var streak = 0;
        for (var index = rounds.Count - 1; index >= 0 && rounds[index].ReplyMs <= within; index--)
        {
            streak++;
        }

        if (streak < options.FastReplyRounds)
        {
            return null;
        }

        var times = rounds[^streak..].Select(round => round.ReplyMs).ToList();
        return new LoopEvidence
        {
            Kind = EvidenceKinds.FastReplies,
            Rounds = streak,
            Detail = $"The other side answered each of the agent's last {streak} messages within {Seconds(within)} "
                + $"(FastReplyWithin; FastReplyRounds {options.FastReplyRounds}): its replies came {Range(times.Min(), times.Max())} after the agent's message.",
            ReplyTimesMs = times,
        };
    }

    private static LoopEvidence? Echoes(List<Round> rounds, LoopBreakerOptions options)
    {
        var recent = Recent(rounds, options);
        if (!IsEcho(recent[^1], options))
        {
            return null;
        }

        var echoes = recent.Where(round => IsEcho(round, options)).ToList();
        return echoes.Count < options.EchoCount
            ? null
            : new LoopEvidence
            {
                Kind = EvidenceKinds.RepeatedText,
                Rounds = echoes.Count,
                Echo = true,
                Detail = $"The other side sent the agent's own message back {echoes.Count} times in its last {recent.Count} replies (EchoCount {options.EchoCount}): an echo.",
                ReplyTimesMs = [.. echoes.Select(round => round.ReplyMs)],
                Sample = TextFingerprint.Preview(recent[^1].Reply.Text),
            };
    }

    private static LoopEvidence? Repeats(List<Round> rounds, LoopBreakerOptions options)
    {
        var recent = Recent(rounds, options);
        var newest = recent[^1].ReplyFingerprint;
        if (!Counts(newest, options))
        {
            return null;
        }

        var repeats = recent.Where(round => round.ReplyFingerprint == newest).ToList();
        return repeats.Count < options.RepeatedTextCount
            ? null
            : new LoopEvidence
            {
                Kind = EvidenceKinds.RepeatedText,
                Rounds = repeats.Count,
                Detail = $"The same reply came back {repeats.Count} times in the other side's last {recent.Count} replies (RepeatedTextCount {options.RepeatedTextCount}).",
                ReplyTimesMs = [.. repeats.Select(round => round.ReplyMs)],
                Sample = TextFingerprint.Preview(recent[^1].Reply.Text),
            };
    }

    private static List<Round> Recent(List<Round> rounds, LoopBreakerOptions options) =>
        rounds.Count <= options.RecentReplies ? rounds : rounds[^options.RecentReplies..];

    private static bool IsEcho(Round round, LoopBreakerOptions options) =>
        Counts(round.ReplyFingerprint, options) && round.ReplyFingerprint == round.PromptFingerprint;

    // An empty fingerprint (a photo, an emoji) is never a repeat: nothing was said twice.
    private static bool Counts(string fingerprint, LoopBreakerOptions options) =>
        fingerprint.Length > 0 && fingerprint.Length >= options.MinTextLength;

    private static string Range(long fastest, long slowest) =>
        Seconds(fastest) == Seconds(slowest) ? Seconds(fastest) : $"{Seconds(fastest)} to {Seconds(slowest)}";

    private static string Seconds(long milliseconds) =>
        string.Create(CultureInfo.InvariantCulture, $"{milliseconds / 1000.0:0.0#} s");

    private sealed record Round(int Index, ExchangedMessage Prompt, ExchangedMessage Reply)
    {
        public long ReplyMs => Reply.At - Prompt.At;

        public string ReplyFingerprint { get; } = TextFingerprint.Of(Reply.Text);

        public string PromptFingerprint { get; } = TextFingerprint.Of(Prompt.Text);
    }
}
