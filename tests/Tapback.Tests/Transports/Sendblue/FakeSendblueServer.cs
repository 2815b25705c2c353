using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Tapback.Tests.Transports.Hosted;

namespace Tapback.Tests.Transports.Sendblue;

/// <summary>
/// A fake of Sendblue's API, as documented: key headers, send-message (from_number required),
/// send-group-message, typing, mark-read, send-reaction, and the v2 message list. No idempotency key:
/// every send makes a message.
/// </summary>
internal sealed class FakeSendblueServer : FakeProviderHost
{
    public const string ApiKey = "sb_key_id";
    public const string ApiSecret = "sb_secret";

    private readonly Lock _lock = new();
    private readonly List<FakeSendblueMessage> _messages = [];
    private int _nextId;

    public Func<DateTimeOffset> Now { get; set; } = () => DateTimeOffset.UtcNow;

    public IReadOnlyList<FakeSendblueMessage> Sent
    {
        get
        {
            lock (_lock)
            {
                return [.. _messages.Where(m => m.IsOutbound)];
            }
        }
    }

    public void AddInbound(string from, string line, string content, DateTimeOffset at, string handle)
    {
        lock (_lock)
        {
            _messages.Add(new FakeSendblueMessage(handle, false, from, line, null, content, at));
        }
    }

    protected override void Map(WebApplication app)
    {
        var api = app.MapGroup("/api").AddEndpointFilter(async (context, next) =>
            context.HttpContext.Request.Headers["sb-api-key-id"] == ApiKey && context.HttpContext.Request.Headers["sb-api-secret-key"] == ApiSecret
                ? await next(context)
                : Results.Json(new { status = "ERROR", message = "Unauthorized" }, statusCode: 401));
        api.MapPost("/send-message", context => SendAsync(context, group: false));
        api.MapPost("/send-group-message", context => SendAsync(context, group: true));
        api.MapPost("/send-typing-indicator", (Func<HttpContext, Task<IResult>>)OkAsync);
        api.MapPost("/mark-read", (Func<HttpContext, Task<IResult>>)OkAsync);
        api.MapPost("/send-reaction", (Func<HttpContext, Task<IResult>>)OkAsync);
        api.MapGet("/v2/messages", ListAsync);
        api.MapGet("/evaluate-service", EvaluateAsync);
    }

    /// <summary>Numbers the lookup API (evaluate-service) reports as iMessage; any other is SMS.</summary>
    public HashSet<string> OnIMessage { get; } = [];

    /// <summary>As the lookup API documents it: <c>{number, service}</c>, service <c>iMessage</c> or <c>SMS</c>.</summary>
    private async Task<IResult> EvaluateAsync(HttpContext context, string? number)
    {
        await RecordAsync(context);
        if (string.IsNullOrEmpty(number))
        {
            return Results.Json(new { status = "ERROR", message = "You must specify a `number`" }, statusCode: 400);
        }

        bool imessage;
        lock (_lock)
        {
            imessage = OnIMessage.Contains(number);
        }

        return Results.Json(new { number, service = imessage ? "iMessage" : "SMS" });
    }

    private async Task SendAsync(HttpContext context, bool group)
    {
        var fault = NextFault();
        if (fault?.Status is not null)
        {
            await Refused(fault, context).ExecuteAsync(context);
            return;
        }

        var request = await RecordAsync(context);
        using var body = JsonDocument.Parse(request.Body);
        var root = body.RootElement;
        if (!root.TryGetProperty("from_number", out var from))
        {
            await Results.Json(new { status = "ERROR", message = "You must specify a valid `from_number`" }, statusCode: 400).ExecuteAsync(context);
            return;
        }

        FakeSendblueMessage message;
        lock (_lock)
        {
            message = new FakeSendblueMessage(
                $"sb_{++_nextId}",
                true,
                group ? null : root.GetProperty("number").GetString(),
                from.GetString()!,
                group ? root.GetProperty("group_id").GetString() : null,
                root.GetProperty("content").GetString()!,
                Now());
            _messages.Add(message);
        }

        if (await AfterSendingAsync(context, fault))
        {
            return;
        }

        await Results.Json(new
        {
            account_email = "someone@example.com",
            content = message.Content,
            date_created = message.At,
            from_number = message.Line,
            is_outbound = true,
            message_handle = message.Handle,
            number = message.Number,
            status = "QUEUED",
        }).ExecuteAsync(context);
    }

    private async Task<IResult> OkAsync(HttpContext context)
    {
        await RecordAsync(context);
        return Results.Json(new { status = "OK" });
    }

    private async Task<IResult> ListAsync(HttpContext context, string? number, string? is_outbound, string? sendblue_number, string? group_id, DateTimeOffset? created_at_gte)
    {
        await RecordAsync(context);
        List<FakeSendblueMessage> found;
        lock (_lock)
        {
            found = [.. _messages.Where(m =>
                (number is null || m.Number == number)
                && (is_outbound is null || m.IsOutbound == (is_outbound == "true"))
                && (sendblue_number is null || m.Line == sendblue_number)
                && (group_id is null || m.GroupId == group_id)
                && (created_at_gte is null || m.At >= created_at_gte)).OrderBy(m => m.At)];
        }

        return Results.Json(new
        {
            status = "OK",
            data = found.Select(m => new
            {
                message_handle = m.Handle,
                content = m.Content,
                is_outbound = m.IsOutbound,
                status = m.IsOutbound ? "SENT" : "RECEIVED",
                date_sent = m.At,
                from_number = m.IsOutbound ? m.Line : m.Number,
                to_number = m.IsOutbound ? m.Number : m.Line,
                number = m.Number,
                sendblue_number = m.Line,
                group_id = m.GroupId ?? "",
                media_url = "",
                message_type = m.GroupId is null ? "message" : "group",
            }),
            pagination = new { limit = 100, offset = 0, total = found.Count },
        });
    }
}
