using System.ComponentModel.DataAnnotations;

namespace Tapback.Agent;

/// <summary>Settings of the built-in agent: <c>Tapback:Agent</c>.</summary>
internal sealed class AgentOptions
{
    public const string SectionName = "Tapback:Agent";

    /// <summary>Run the built-in agent in this process.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary><c>anthropic</c>, <c>openai</c>, <c>openai-compatible</c>, <c>ollama</c> or <c>offline</c>; empty picks the best one available.</summary>
    public string? Provider { get; set; }

    /// <summary>The model id; each provider has a sensible default.</summary>
    public string? Model { get; set; }

    /// <summary>The provider's API address, for a proxy, a self-hosted server or a test double.</summary>
    public Uri? BaseUrl { get; set; }

    public string? ApiKey { get; set; }

    /// <summary>How hard a reasoning model thinks (None, Low, Medium, High, ExtraHigh); the provider's default when unset.</summary>
    public Microsoft.Extensions.AI.ReasoningEffort? ReasoningEffort { get; set; }

    /// <summary>The upper bound on the tokens of one answer.</summary>
    [Range(64, 64_000)]
    public int MaxOutputTokens { get; set; } = 1024;

    /// <summary>The agent's name: used in the system prompt, and how people address it in a group chat.</summary>
    public string BotName { get; set; } = "Tapback";

    /// <summary>In group chats, <c>mention</c> answers only messages that name the bot or reply to its bubbles; <c>all</c> answers every message.</summary>
    public string GroupReplies { get; set; } = "mention";

    /// <summary>The system prompt. The default asks for short, plain, texting-style answers.</summary>
    public string? Instructions { get; set; }

    /// <summary>Handles the built-in agent answers: E.164 numbers, email handles, or <c>*</c> for anyone.</summary>
    public IList<string> AllowFrom { get; } = [];

    /// <summary>How many recent messages of the session the model sees verbatim.</summary>
    [Range(1, 500)]
    public int HistoryMessages { get; set; } = 20;

    /// <summary>The most tokens one prompt may carry (instructions, summary and history), by estimate.</summary>
    [Range(1_000, 1_000_000)]
    public int PromptTokenBudget { get; set; } = 8_000;

    /// <summary>Once a session holds more messages than this, older ones are folded into a rolling summary.</summary>
    [Range(10, 10_000)]
    public int SummarizeAfterMessages { get; set; } = 50;

    /// <summary>How many turns pass before the rolling summary is regenerated.</summary>
    [Range(1, 1_000)]
    public int SummaryEveryTurns { get; set; } = 20;

    /// <summary>A session with no message for this long is replaced by a new one; off when unset.</summary>
    public TimeSpan? SessionTimeout { get; set; }

    /// <summary>Messages that arrive within this window of each other are answered together in one turn.</summary>
    public TimeSpan DebounceWindow { get; set; } = TimeSpan.FromMilliseconds(1500);

    /// <summary>
    /// The longest the agent waits, from when the person's typing indicator came on, before it answers
    /// anyway (an indicator that never goes off). While it is on and younger than this, the debounce
    /// window stays open; zero answers without waiting for typing. Only where the transport reports typing.
    /// </summary>
    public TimeSpan TypingWaitCap { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The shortest pause between two bubbles of one answer.</summary>
    public TimeSpan BubbleGapMin { get; set; } = TimeSpan.FromMilliseconds(700);

    /// <summary>The longest pause between two bubbles of one answer.</summary>
    public TimeSpan BubbleGapMax { get; set; } = TimeSpan.FromMilliseconds(1200);

    /// <summary>The longest bubble, in characters.</summary>
    [Range(40, 2000)]
    public int MaxBubbleLength { get; set; } = 280;

    /// <summary>How long one model call may take before the turn gives up and says so.</summary>
    public TimeSpan ModelTimeout { get; set; } = TimeSpan.FromSeconds(120);
}
