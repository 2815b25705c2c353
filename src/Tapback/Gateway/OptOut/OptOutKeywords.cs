namespace Tapback.Gateway.OptOut;

/// <summary>
/// The carrier-standard words that stop and restart messages. Only a whole message counts ("stop"
/// or "STOP!"), never a sentence that contains the word ("don't stop").
/// </summary>
internal static class OptOutKeywords
{
    private static readonly HashSet<string> Stop = new(StringComparer.OrdinalIgnoreCase) { "STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT" };

    /// <summary>
    /// Words that also answer an agent's pending question or approval ("Cancel" declines a tool call);
    /// while one is waiting in the chat they mean that, and only the unmistakable words opt out.
    /// </summary>
    private static readonly HashSet<string> AlsoAnswers = new(StringComparer.OrdinalIgnoreCase) { "CANCEL", "END", "QUIT" };

    private static readonly HashSet<string> Start = new(StringComparer.OrdinalIgnoreCase) { "START", "UNSTOP" };

    /// <summary>The keyword in upper case when the whole message is a stop word; else null.</summary>
    public static string? StopWord(string text) => Match(text, Stop);

    public static bool MayAnswerAQuestion(string stopWord) => AlsoAnswers.Contains(stopWord);

    /// <summary>The keyword in upper case when the whole message is a start word; else null.</summary>
    public static string? StartWord(string text) => Match(text, Start);

    private static string? Match(string text, HashSet<string> words)
    {
        var word = text.Trim().TrimEnd('.', '!').Trim();
        return word.Length <= 11 && words.Contains(word) ? word.ToUpperInvariant() : null;
    }
}
