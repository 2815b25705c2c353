using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace MinimalBot;

/// <summary>Answers each received message: read receipt, typing, then the reply.</summary>
internal sealed partial class ReplyWorker(Channel<IncomingMessage> inbox, IHttpClientFactory clients, BotOptions options, ILogger<ReplyWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var tapback = clients.CreateClient(BotApp.TapbackClient);
        await foreach (var message in inbox.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await ReplyAsync(tapback, message, stoppingToken);
            }
            catch (HttpRequestException exception)
            {
                LogFailed(logger, message.MessageId, exception);
            }
        }
    }

    private async Task ReplyAsync(HttpClient tapback, IncomingMessage message, CancellationToken cancellationToken)
    {
        // In a group the reply goes to the group; in a one-to-one chat to the sender, as the classic bot does.
        var (field, chat) = message.IsGroup ? ("conversation_id", message.ConversationId) : ("to", message.From);
        using var read = await tapback.PostAsJsonAsync($"/v2/messages/{message.MessageId}/read", new JsonObject(), cancellationToken);
        read.EnsureSuccessStatusCode();
        using var typing = await tapback.PostAsJsonAsync("/v2/typing", new JsonObject { [field] = chat, ["typing"] = true }, cancellationToken);
        typing.EnsureSuccessStatusCode();

        var reply = await options.Answer(message.Body, cancellationToken);
        using var send = new HttpRequestMessage(HttpMethod.Post, "/v2/messages")
        {
            Content = JsonContent.Create(new JsonObject { [field] = chat, ["body"] = reply }),
        };
        // Tapback retries a webhook it did not hear 2xx for; the message id as the key sends the reply once.
        send.Headers.Add("Idempotency-Key", $"reply-{message.MessageId}");
        using var sent = await tapback.SendAsync(send, cancellationToken);
        if (sent.StatusCode == System.Net.HttpStatusCode.Conflict)
        {
            // A redelivered event, answered differently this time: the first answer already went out.
            LogAlreadyReplied(logger, message.MessageId);
            return;
        }

        sent.EnsureSuccessStatusCode();
        LogReplied(logger, message.MessageId);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Replied to {MessageId}.")]
    private static partial void LogReplied(ILogger logger, string messageId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Already replied to {MessageId}; this was a redelivery.")]
    private static partial void LogAlreadyReplied(ILogger logger, string messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not reply to {MessageId}.")]
    private static partial void LogFailed(ILogger logger, string messageId, Exception exception);
}
