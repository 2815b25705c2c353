using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace MinimalBot;

/// <summary>The bot as a small web app: <c>POST /webhook</c> in, a background worker replying over Tapback's REST API.</summary>
internal static partial class BotApp
{
    public const string TapbackClient = "tapback";

    public static WebApplication Build(string[] args, BotOptions options, TimeProvider? time = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(time ?? TimeProvider.System);
        // Messages wait here between the webhook (answered at once) and the worker (as slow as the model).
        builder.Services.AddSingleton(Channel.CreateUnbounded<IncomingMessage>());
        builder.Services.AddHttpClient(TapbackClient, client =>
        {
            client.BaseAddress = options.TapbackUrl;
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.Token);
        });
        builder.Services.AddHostedService<ReplyWorker>();

        var app = builder.Build();
        app.MapPost("/webhook", ReceiveAsync);
        return app;
    }

    private static async Task<IResult> ReceiveAsync(HttpRequest request, BotOptions options, TimeProvider time, Channel<IncomingMessage> inbox, ILogger<ReplyWorker> logger)
    {
        // Verify the raw bytes Tapback signed, before parsing anything.
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        if (!WebhookSignature.IsValid(
            options.WebhookSecret,
            request.Headers["webhook-id"].ToString(),
            request.Headers["webhook-timestamp"].ToString(),
            body,
            request.Headers["webhook-signature"].ToString(),
            time.GetUtcNow()))
        {
            LogRefused(logger);
            return Results.Unauthorized();
        }

        var webhook = JsonNode.Parse(body);
        if ((string?)webhook?["type"] == "message.received" && webhook["data"] is { } data)
        {
            await inbox.Writer.WriteAsync(new IncomingMessage(
                (string)data["message_id"]!,
                (string)data["conversation_id"]!,
                (string)data["from"]!,
                (string?)data["body"] ?? string.Empty,
                (bool?)data["is_group"] ?? false));
        }

        // 2xx at once: anything slower than Tapback's timeout would be retried.
        return Results.NoContent();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a webhook with a wrong or stale signature; is TAPBACK_WEBHOOK_SECRET this subscription's secret?")]
    private static partial void LogRefused(ILogger logger);
}
