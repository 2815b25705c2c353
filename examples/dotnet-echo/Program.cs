using Tapback.Client;

// TAPBACK_URL (default http://localhost:5000), TAPBACK_PHONE (the paired phone) and TAPBACK_TOKEN (its token).
var gateway = new Uri(Environment.GetEnvironmentVariable("TAPBACK_URL") ?? "http://localhost:5000");
await using var agent = new TapbackAgentClient(new() { Gateway = gateway, Phone = Environment.GetEnvironmentVariable("TAPBACK_PHONE")!, Token = Environment.GetEnvironmentVariable("TAPBACK_TOKEN") });
await foreach (var e in agent.EventsAsync())
{
    if (e is MessageReceivedEvent message)
    {
        // Keyed by the message: an event redelivered after a crash is answered once.
        await agent.ReplyAsync(message, $"echo: {message.Text}", new() { ClientMessageId = $"echo:{message.MessageId}" });
    }
}
