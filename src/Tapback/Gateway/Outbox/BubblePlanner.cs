using Tapback.Messaging;
using Tapback.Messaging.Text;

namespace Tapback.Gateway.Outbox;

/// <summary>
/// The one way an answer becomes bubbles, for the built-in agent and for a split send on any surface:
/// markdown to plain text, bubbles of at most the pace's length, each after the first a jittered beat
/// later with the typing indicator shown during the beat, then the indicator off. The indicator is
/// turned off only when something turned it on (a beat, or the caller before the first bubble): in
/// Messages a delivered bubble hides it anyway, so a lone bubble nobody announced needs no "off" row.
/// </summary>
internal sealed class BubblePlanner(IJitter jitter)
{
    /// <summary>The markdown as plain-text bubbles of at most <paramref name="maxBubbleLength"/> characters.</summary>
    public static IReadOnlyList<string> Bubbles(string markdown, int maxBubbleLength) =>
        BubbleSplitter.Split(MarkdownToPlainText.Convert(markdown), maxBubbleLength);

    /// <summary>Markdown to bubbles to actions; a text with nothing left after conversion goes as given.</summary>
    public IReadOnlyList<AgentAction> Plan(string key, string markdown, BubblePace pace, IReadOnlyList<Attachments.StoredAttachment>? firstBubbleFiles = null)
    {
        var bubbles = Bubbles(markdown, pace.MaxBubbleLength);
        return Plan(key, bubbles.Count == 0 ? [markdown] : bubbles, pace, firstBubbleFiles);
    }

    /// <summary>
    /// Bubbles already cut, keyed <c>&lt;key&gt;:bubble:&lt;n&gt;</c>. Files ride on the first bubble, as a
    /// photo leads its caption on a phone.
    /// </summary>
    public IReadOnlyList<AgentAction> Plan(string key, IReadOnlyList<string> bubbles, BubblePace pace, IReadOnlyList<Attachments.StoredAttachment>? firstBubbleFiles = null)
    {
        var actions = new List<AgentAction>();
        for (var index = 0; index < bubbles.Count; index++)
        {
            if (index == 0)
            {
                actions.Add(AgentAction.Message(BubbleKey(key, 0), bubbles[0]) with { Attachments = firstBubbleFiles ?? [] });
                continue;
            }

            // A delivered bubble hides the indicator on the phone; show it again during the beat.
            if (pace.Typing)
            {
                actions.Add(AgentAction.Typing($"{key}:typing:{index}", on: true));
            }

            actions.Add(AgentAction.Message(BubbleKey(key, index), bubbles[index], NextGap(pace)));
        }

        if (pace.Typing && (pace.TypingShown || bubbles.Count > 1))
        {
            actions.Add(AgentAction.Typing($"{key}:typing:off", on: false));
        }

        return actions;
    }

    /// <summary>
    /// True for the outbox key of a split answer's second or later bubble: the same answer to the person
    /// as its first bubble (the send governor counts the answer once toward its unanswered limit).
    /// </summary>
    public static bool IsLaterBubble(string idempotencyKey)
    {
        var marker = idempotencyKey.LastIndexOf(BubbleMarker, StringComparison.Ordinal);
        return marker >= 0
            && int.TryParse(idempotencyKey.AsSpan(marker + BubbleMarker.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index)
            && index > 0;
    }

    private const string BubbleMarker = ":bubble:";

    private static string BubbleKey(string key, int index) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{key}{BubbleMarker}{index}");

    private TimeSpan NextGap(BubblePace pace) =>
        pace.GapMax <= pace.GapMin ? pace.GapMin : pace.GapMin + ((pace.GapMax - pace.GapMin) * jitter.NextDouble());
}
