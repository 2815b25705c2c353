using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Tapback.Bench;

/// <summary>One request the instant model received: when (a Stopwatch timestamp), its messages, its size.</summary>
internal sealed partial record ModelRequest(long ArrivedAt, JsonArray Messages, int BodyLength)
{
    /// <summary>Tapback's summarizer asks with its own instructions; a turn asks with the agent's.</summary>
    public bool IsSummary => Texts("system").Any(text => text.StartsWith("You keep the memory of a text conversation", StringComparison.Ordinal));

    /// <summary>The benchmark's message numbers (<c>#id42#</c>) in the person's messages of this prompt.</summary>
    public IEnumerable<long> Markers() =>
        Texts("user").SelectMany(text => MarkerPattern().Matches(text)).Select(match => long.Parse(match.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Tokens as Tapback's TokenEstimator counts them: four per message plus a token per four characters of text.</summary>
    public int EstimatedTokens => Messages.Sum(message => 4 + TextsOf(message).Sum(text => (text.Length + 3) / 4));

    public int Characters => Messages.Sum(message => TextsOf(message).Sum(text => text.Length));

    public IEnumerable<string> Texts(string role) =>
        Messages.Where(message => (string?)message?["role"] == role).SelectMany(TextsOf);

    private static IEnumerable<string> TextsOf(JsonNode? message) => message?["content"] switch
    {
        JsonValue value => [(string?)value ?? ""],
        JsonArray parts => parts.Where(part => (string?)part?["type"] == "text").Select(part => (string?)part?["text"] ?? ""),
        _ => [],
    };

    [GeneratedRegex(@"#id(\d+)#")]
    public static partial Regex MarkerPattern();
}
