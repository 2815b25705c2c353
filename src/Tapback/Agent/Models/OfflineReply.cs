using System.Globalization;
using Microsoft.Extensions.AI;

namespace Tapback.Agent.Models;

/// <summary>The offline model's answer: what it heard, that no model is set up, and how to set one up.</summary>
internal static class OfflineReply
{
    public const int QuoteLength = 60;

    public static string For(IEnumerable<ChatMessage> messages)
    {
        var heard = Quote(messages.LastOrDefault(message => message.Role == ChatRole.User)?.Text);
        var opening = heard is null
            ? "I got your message, but I can't really answer it yet."
            : $"You said: \"{heard}\". I'd like to answer that, but I can't yet.";

        return $"""
            {opening} This Tapback gateway has **no language model** configured, so you're talking to its built-in offline stand-in.

            To give me a real model, do one of these and restart Tapback:
            - set the ANTHROPIC_API_KEY environment variable (Claude) or OPENAI_API_KEY (GPT)
            - run Ollama on this machine with a model pulled, for example: ollama pull llama3.2
            - set Tapback:Agent:Provider (anthropic, openai, openai-compatible or ollama), Tapback:Agent:Model and Tapback:Agent:ApiKey, plus Tapback:Agent:BaseUrl for a self-hosted server

            Once a model is set up, I'll answer for real. Until then, every reply will be this one.
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
