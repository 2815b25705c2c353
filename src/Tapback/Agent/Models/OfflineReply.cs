using System.Globalization;
using Microsoft.Extensions.AI;

namespace Tapback.Agent.Models;

/// <summary>
/// The offline model's answer. The first time in a conversation: what it heard, that no model is set
/// up, and how to set one up. After that a short line that quotes the message, so a person who keeps
/// texting is not sent the same long advice again and again.
/// </summary>
internal static class OfflineReply
{
    public const int QuoteLength = 60;

    /// <summary>Words every offline answer holds; finding them in an earlier answer means the advice was given.</summary>
    private const string Marker = "language model";

    public static string For(IEnumerable<ChatMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var history = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        var heard = Quote(history.LastOrDefault(message => message.Role == ChatRole.User)?.Text);
        return AdviceGiven(history) ? Short(heard) : Advice(heard);
    }

    // The history the turn passes may start after the first answer (the window slid), but every
    // offline answer carries the marker, so any earlier one in view still counts.
    private static bool AdviceGiven(IReadOnlyList<ChatMessage> history) =>
        history.Any(message => message.Role == ChatRole.Assistant && message.Text.Contains(Marker, StringComparison.Ordinal));

    private static string Short(string? heard) =>
        heard is null
            ? $"Got it. I can't answer for real until a {Marker} is set up."
            : $"You said: “{heard}”. I can't answer for real until a {Marker} is set up.";

    private static string Advice(string? heard)
    {
        var opening = heard is null
            ? "I got your message, but I can't really answer it yet."
            : $"You said: “{heard}”. I'd like to answer that, but I can't yet.";

        return $"""
            {opening} This Tapback gateway has **no {Marker}** configured, so you're talking to its built-in offline stand-in.

            To give me a real model, do one of these and restart Tapback:
            - set the ANTHROPIC_API_KEY environment variable (Claude) or OPENAI_API_KEY (GPT)
            - run Ollama on this machine with a model pulled, for example: ollama pull llama3.2
            - set Tapback:Agent:Provider (anthropic, openai, openai-compatible or ollama), Tapback:Agent:Model and Tapback:Agent:ApiKey, plus Tapback:Agent:BaseUrl for a self-hosted server

            Once a model is set up, I'll answer for real. Until then, I'll just say what I heard.
            """;
    }

    /// <summary>The message on one line, cut to about <see cref="QuoteLength"/> characters.</summary>
    private static string? Quote(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var oneLine = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var elements = new StringInfo(oneLine);
        if (elements.LengthInTextElements <= QuoteLength)
        {
            return oneLine;
        }

        // Cut by text element, not char, so an emoji or accented letter is never split in half.
        return elements.SubstringByTextElements(0, QuoteLength).TrimEnd() + "…";
    }
}
