namespace Tapback.Agent.Turns;

/// <summary>The texts the built-in agent treats as commands rather than as something to answer.</summary>
internal static class AgentCommands
{
    public const string Clear = "/clear";

    public const string ClearedReply = "Fresh start: I've cleared our conversation, and I won't bring up anything from before. What's on your mind?";

    public static bool IsClear(string text) => string.Equals(text.Trim(), Clear, StringComparison.OrdinalIgnoreCase);
}
