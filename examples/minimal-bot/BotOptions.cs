namespace MinimalBot;

/// <summary>Where Tapback is, how to prove who the bot is, and what it answers.</summary>
internal sealed class BotOptions
{
    /// <summary>Tapback's base URL, e.g. http://localhost:5000.</summary>
    public required Uri TapbackUrl { get; init; }

    /// <summary>The integration token (from POST /auth/exchange) or an API key (tbk_key_…).</summary>
    public required string Token { get; init; }

    /// <summary>The subscription's whsec_… secret, from POST /v2/webhooks.</summary>
    public required string WebhookSecret { get; set; }

    /// <summary>The bot's brain: the text of a message in, the reply out.</summary>
    public required Func<string, CancellationToken, Task<string>> Answer { get; init; }
}
