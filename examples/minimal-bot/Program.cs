// A minimal iMessage bot on Tapback. Tapback POSTs message.received to /webhook; the bot checks the
// signature, answers 204 at once, then marks the message read, shows typing and replies over REST.
using MinimalBot;

var options = new BotOptions
{
    TapbackUrl = new Uri(Environment.GetEnvironmentVariable("TAPBACK_URL") ?? "http://localhost:5000"),
    Token = Environment.GetEnvironmentVariable("TAPBACK_TOKEN")
        ?? throw new InvalidOperationException("Set TAPBACK_TOKEN to the integration token (POST /auth/exchange) or an API key."),
    WebhookSecret = Environment.GetEnvironmentVariable("TAPBACK_WEBHOOK_SECRET")
        ?? throw new InvalidOperationException("Set TAPBACK_WEBHOOK_SECRET to the whsec_… secret POST /v2/webhooks returned."),
    Answer = Answer,
};

var app = BotApp.Build(args, options);
await app.RunAsync();

// Replace with a call to your model.
static Task<string> Answer(string text, CancellationToken cancellationToken) => Task.FromResult(text.Trim().ToLowerInvariant() switch
{
    "hi" or "hello" or "hey" => "Hello! I'm a minimal bot on Tapback. Say anything and I'll say it back.",
    _ => $"You said: {text}",
});
