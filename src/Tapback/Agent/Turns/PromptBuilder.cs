using System.Globalization;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Tapback.Agent.Settings;
using Tapback.Gateway.Conversations;

namespace Tapback.Agent.Turns;

/// <summary>Builds what the model sees: the instructions, then the session's recent messages as a chat.</summary>
internal sealed class PromptBuilder(IOptions<AgentOptions> options, AgentSettingsResolver resolver, TimeProvider time)
{
    public const string DefaultInstructions =
        """
        You are a helpful assistant that people text over iMessage. Answer like a thoughtful person texting:
        short, plain sentences; no markdown, headings or tables; a list only when it really helps. Keep
        answers brief unless someone asks for detail, and ask a short question back when a request is unclear.
        """;

    /// <summary>What an SMS-only phone's turn adds to the instructions: its texts arrive as SMS, where long answers split and cost.</summary>
    public const string SmsInstructions =
        "This person's phone gets your texts as SMS, not iMessage: keep each answer to one or two short sentences "
        + "(under 160 characters when you can), plain text, and no tapbacks or effects.";

    /// <summary>The system prompt: the configured instructions, the time, the chat, and the session's rolling summary if any.</summary>
    public string Instructions(string? summary = null, Conversation? conversation = null, bool smsOnly = false)
    {
        var now = time.GetUtcNow();
        var settings = options.Value;
        var instructions = string.IsNullOrWhiteSpace(settings.Instructions) ? DefaultInstructions : settings.Instructions;
        var botName = conversation is null ? settings.BotName : resolver.For(conversation).BotName;
        var text = $"Your name is {botName}. {instructions.Trim()}\n\nThe current date and time is {now.ToString("dddd d MMMM yyyy HH:mm", CultureInfo.InvariantCulture)} UTC.";
        if (conversation is { IsGroup: true })
        {
            var name = conversation.DisplayName is { Length: > 0 } display ? $" named \"{display}\"" : string.Empty;
            text += $"\n\nThis is a group chat{name}. Each person's message starts with who sent it; answer the people who address you.";
        }

        if (smsOnly)
        {
            text += $"\n\n{SmsInstructions}";
        }

        return summary is null
            ? text
            : $"{text}\n\nWhat happened earlier in this conversation, summarised (the messages after it follow verbatim):\n{summary}";
    }

    /// <summary>
    /// The history as chat messages, oldest first, with consecutive messages of one side joined. It
    /// opens with the person's words: models expect a user turn first, and an agent bubble cut from its
    /// question (or the /clear confirmation) tells the model nothing.
    /// </summary>
    public static IReadOnlyList<ChatMessage> History(IReadOnlyList<StoredMessage> messages, IReadOnlyDictionary<string, IList<AIContent>> contents, bool group = false)
    {
        var chat = new List<ChatMessage>();
        foreach (var message in messages)
        {
            var role = message.IsInbound ? ChatRole.User : ChatRole.Assistant;
            if ((chat.Count == 0 && role == ChatRole.Assistant) || !contents.TryGetValue(message.Id, out var parts) || parts.Count == 0)
            {
                continue;
            }

            if (group && message.IsInbound)
            {
                // In a group the model must know who said what.
                parts = [new TextContent($"{message.Sender}:"), .. parts];
            }

            if (chat.Count > 0 && chat[^1].Role == role)
            {
                foreach (var part in parts)
                {
                    chat[^1].Contents.Add(part);
                }
            }
            else
            {
                chat.Add(new ChatMessage(role, [.. parts]));
            }
        }

        return chat;
    }
}
