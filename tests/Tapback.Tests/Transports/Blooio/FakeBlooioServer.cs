using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tapback.Tests.Transports.Hosted;

namespace Tapback.Tests.Transports.Blooio;

/// <summary>
/// A fake of Blooio's v2 API, as documented: bearer key, sends with Idempotency-Key (a repeated key
/// answers the first message id), typing, read, reactions, and the chat message list.
/// </summary>
internal sealed class FakeBlooioServer : FakeProviderHost
{
    public const string ApiKey = "bl_test_key";

    private readonly Lock _lock = new();
    private readonly List<FakeBlooioMessage> _messages = [];
    private int _nextId;

    public Uri BaseUrl => new(Address, "v2/api");

    /// <summary>The provider's clock for recorded messages; tests point it at Tapback's fake clock.</summary>
    public Func<DateTimeOffset> Now { get; set; } = () => DateTimeOffset.UtcNow;

    public IReadOnlyList<FakeBlooioMessage> Messages
    {
        get
        {
            lock (_lock)
            {
                return [.. _messages];
            }
        }
    }

    public IReadOnlyList<FakeBlooioMessage> Sent => [.. Messages.Where(message => message.Direction == "outbound")];

    /// <summary>A message someone sent to us, in Blooio's history (for catch-up), without a webhook.</summary>
    public void AddInbound(string chatId, string sender, string text, DateTimeOffset at, string messageId)
    {
        lock (_lock)
        {
            _messages.Add(new FakeBlooioMessage(messageId, chatId, "inbound", sender, text, at.ToUnixTimeMilliseconds(), null));
        }
    }

    protected override void Map(WebApplication app)
    {
        var api = app.MapGroup("/v2/api").AddEndpointFilter(async (context, next) =>
            context.HttpContext.Request.Headers.Authorization == $"Bearer {ApiKey}"
                ? await next(context)
                : Results.Json(new { error = "Invalid API key", status = 401 }, statusCode: 401));
        api.MapPost("/chats/{chatId}/messages", SendAsync);
        api.MapGet("/chats/{chatId}/messages", ListAsync);
        api.MapPost("/chats/{chatId}/typing", RecordOkAsync);
        api.MapDelete("/chats/{chatId}/typing", RecordOkAsync);
        api.MapPost("/chats/{chatId}/read", RecordOkAsync);
        api.MapPost("/chats/{chatId}/messages/{messageId}/reactions", ReactAsync);
        api.MapGet("/contacts/{contact}/capabilities", CapabilitiesAsync);
    }

    /// <summary>Contacts Blooio's capability check reports as on iMessage; any other has SMS only.</summary>
    public HashSet<string> OnIMessage { get; } = [];

    /// <summary>As the contact-flows guide shows it: <c>{contact, type, capabilities: {imessage, sms}, last_checked}</c>.</summary>
    private async Task<IResult> CapabilitiesAsync(string contact, HttpContext context)
    {
        await RecordAsync(context);
        bool imessage;
        lock (_lock)
        {
            imessage = OnIMessage.Contains(contact);
        }

        return Results.Json(new
        {
            contact,
            type = contact.Contains('@', StringComparison.Ordinal) ? "email" : "phone",
            capabilities = new { imessage, sms = !contact.Contains('@', StringComparison.Ordinal) },
            last_checked = Now().ToUnixTimeMilliseconds(),
        });
    }

    private async Task<IResult> SendAsync(string chatId, HttpContext context)
    {
        var fault = NextFault();
        if (fault?.Status is not null)
        {
            return Refused(fault, context);
        }

        var request = await RecordAsync(context);
        using var body = JsonDocument.Parse(request.Body);
        var text = body.RootElement.GetProperty("text").GetString()!;
        // The send API's rule for reply_to {message_id}: a message Blooio knows, in the same chat (400 otherwise).
        if (body.RootElement.TryGetProperty("reply_to", out var replyTo)
            && !KnownInChat(chatId, replyTo.GetProperty("message_id").GetString()))
        {
            return Results.Json(new { error = "The reply target is not a message of this chat.", status = 400 }, statusCode: 400);
        }

        var key = request.Headers.GetValueOrDefault("Idempotency-Key");
        FakeBlooioMessage message;
        bool repeated;
        lock (_lock)
        {
            var earlier = key is null ? null : _messages.FirstOrDefault(m => m.IdempotencyKey == key);
            repeated = earlier is not null;
            message = earlier ?? new FakeBlooioMessage($"msg_{++_nextId}", chatId, "outbound", null, text, Now().ToUnixTimeMilliseconds(), key);
            if (!repeated)
            {
                _messages.Add(message);
            }
        }

        if (await AfterSendingAsync(context, fault))
        {
            return Results.Empty;
        }

        return Results.Json(new { message_id = message.MessageId, message_ids = new[] { message.MessageId }, status = "queued" }, statusCode: repeated ? 200 : 201);
    }

    private bool KnownInChat(string chatId, string? messageId)
    {
        lock (_lock)
        {
            return _messages.Any(m => m.MessageId == messageId && m.ChatId == chatId);
        }
    }

    private async Task<IResult> ListAsync(string chatId, string? direction, long? since, string? sort, HttpContext context)
    {
        await RecordAsync(context);
        List<FakeBlooioMessage> found;
        lock (_lock)
        {
            found = [.. _messages.Where(m => m.ChatId == chatId && (direction is null || m.Direction == direction) && (since is null || m.TimeSent > since))];
        }

        found = sort == "asc" ? [.. found.OrderBy(m => m.TimeSent)] : [.. found.OrderByDescending(m => m.TimeSent)];
        return Results.Json(new
        {
            chat_id = chatId,
            messages = found.Select(m => new
            {
                message_id = m.MessageId,
                direction = m.Direction,
                external_id = chatId,
                text = m.Text,
                attachments = Array.Empty<string>(),
                sender = m.Sender,
                time_sent = m.TimeSent,
                status = m.Direction == "outbound" ? "sent" : "received",
                protocol = "imessage",
            }),
            pagination = new { limit = 200, offset = 0, total = found.Count },
        });
    }

    private async Task<IResult> RecordOkAsync(string chatId, HttpContext context)
    {
        await RecordAsync(context);
        return Results.Json(new { success = true, chat_id = chatId });
    }

    private async Task<IResult> ReactAsync(string chatId, string messageId, HttpContext context)
    {
        var request = await RecordAsync(context);
        using var body = JsonDocument.Parse(request.Body);
        var reaction = body.RootElement.GetProperty("reaction").GetString()!;
        return Results.Json(new
        {
            success = true,
            message_id = messageId,
            reaction = reaction[1..],
            action = reaction.StartsWith('+') ? "add" : "remove",
        });
    }
}
