namespace Tapback.Tests.Infrastructure;

/// <summary>A request a fake LLM server received, parsed into what tests assert on.</summary>
internal sealed record FakeChatRequest
{
    public required string Model { get; init; }

    /// <summary>The system prompt: Anthropic's <c>system</c>, or OpenAI's system/developer messages joined.</summary>
    public string? System { get; init; }

    /// <summary>The conversation without system messages, in order.</summary>
    public required IReadOnlyList<FakeChatMessage> Messages { get; init; }

    /// <summary><c>max_tokens</c> (Anthropic) or <c>max_completion_tokens</c> / <c>max_tokens</c> (OpenAI).</summary>
    public int? MaxTokens { get; init; }

    public bool Stream { get; init; }

    /// <summary>The key the client presented, from <c>x-api-key</c> or <c>Authorization: Bearer</c>.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Which header carried the key: <c>x-api-key</c>, <c>Bearer</c>, or null.</summary>
    public string? AuthScheme { get; init; }

    /// <summary>The names of the tools the request offered the model.</summary>
    public IReadOnlyList<string> Tools { get; init; } = [];

    public required IReadOnlyDictionary<string, string> Headers { get; init; }

    public required string RawJson { get; init; }

    public string? LastUserText => Messages.LastOrDefault(message => message.Role == "user")?.Text;
}
