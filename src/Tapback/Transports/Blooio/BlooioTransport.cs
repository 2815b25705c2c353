using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Tapback.Messaging;
using Tapback.Transports.Hosted;

namespace Tapback.Transports.Blooio;

/// <summary>
/// iMessage through Blooio's hosted v2 API. Sends carry the outbox's idempotency key, which Blooio
/// honours (a repeat answers the first message id), so a retried send never doubles.
/// </summary>
internal sealed partial class BlooioTransport(
    string name,
    BlooioOptions options,
    IHttpClientFactory httpClientFactory,
    ProviderMessageIds messageIds,
    TimeProvider time,
    ILogger<BlooioTransport> logger) : IMessageTransport, IReconcilingTransport, IHandleLookup
{
    public const string KindName = "Blooio";

    public string Name => name;

    public string Kind => KindName;

    public BlooioOptions Options => options;

    public TransportCapabilities Capabilities { get; } = new()
    {
        Typing = true,
        ReadReceipts = true,
        TapbacksSent = true,
        TapbacksReceived = true,
        // Blooio takes attachments only as public URLs, and Tapback does not publish its files yet.
        Attachments = false,
        VoiceNotes = false,
        // effect and reply_to on a send (docs.blooio.com, send a message).
        Effects = true,
        Replies = true,
        // GET /contacts/{contact}/capabilities.
        HandleLookup = true,
        // Blooio's API has no edit or unsend of a sent message; its v2 webhooks carry no typing events.
        Edits = false,
        Unsends = false,
        TypingReceived = false,
        // Blooio's contact card is Apple's Name and Photo (a plan option), not a vCard, and files go only as public URLs.
        ContactCards = false,
        Groups = true,
        IdempotentSends = true,
    };

    public async Task<string?> ExecuteAsync(OutboundAction action, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(action);
        var chat = $"chats/{Uri.EscapeDataString(action.ChatId)}";
        switch (action)
        {
            case SendMessageAction send:
                return await SendAsync(chat, send, cancellationToken);
            case SetTypingAction typing:
                await CallAsync(typing.On ? HttpMethod.Post : HttpMethod.Delete, $"{chat}/typing", null, action, "the typing indicator", cancellationToken);
                return null;
            case MarkReadAction:
                await CallAsync(HttpMethod.Post, $"{chat}/read", null, action, "the read receipt", cancellationToken);
                return null;
            case ReactAction react:
                var target = await messageIds.ToProviderAsync(name, react.MessageId, cancellationToken)
                    ?? throw new TransportException($"Message {react.MessageId} has no Blooio id to react to.", retryable: false);
                var reaction = $"{(react.Remove ? '-' : '+')}{react.Reaction.ToWire()}";
                var body = JsonContent.Create(new BlooioReactionRequest(reaction), BlooioJsonContext.Wire.BlooioReactionRequest);
                await CallAsync(HttpMethod.Post, $"{chat}/messages/{Uri.EscapeDataString(target)}/reactions", body, action, "the tapback", cancellationToken);
                return null;
            case EditMessageAction or UnsendMessageAction:
                throw new TransportException($"Blooio's API cannot edit or unsend a message, so this transport does not offer it ({(action is EditMessageAction ? "Edits" : "Unsends")} is false).", retryable: false);
            default:
                throw new TransportException($"Blooio cannot carry out {action.GetType().Name}.", retryable: false);
        }
    }

    private async Task<string?> SendAsync(string chat, SendMessageAction send, CancellationToken cancellationToken)
    {
        if (send.Attachments.Count > 0)
        {
            throw new TransportException("Blooio takes attachments only as public URLs; Tapback cannot send files through Blooio yet.", retryable: false);
        }

        var replyTo = send.ReplyTo is null
            ? null
            : await messageIds.ToProviderAsync(name, send.ReplyTo, cancellationToken)
                ?? throw new TransportException($"Message {send.ReplyTo} has no Blooio id to answer inline.", retryable: false);
        var content = JsonContent.Create(
            new BlooioSendRequest
            {
                Text = send.Text,
                Effect = send.Effect is { } effect ? BlooioEffects.ToWire(effect) : null,
                ReplyTo = replyTo is null ? null : new BlooioReplyTo(replyTo),
            },
            BlooioJsonContext.Wire.BlooioSendRequest);
        var body = await CallAsync(HttpMethod.Post, $"{chat}/messages", content, send, "the send", cancellationToken, isSend: true);
        BlooioSendResponse? response;
        try
        {
            response = JsonSerializer.Deserialize(body, BlooioJsonContext.Wire.BlooioSendResponse);
        }
        catch (JsonException exception)
        {
            // Blooio accepted the message but its answer is unreadable: sent, id unknown.
            LogUnreadableAnswer(logger, name, exception.Message);
            return null;
        }

        var providerId = response?.MessageId ?? (response?.MessageIds is [var first, ..] ? first : null);
        LogSent(logger, name, send.MessageId, providerId ?? "(none)");
        return providerId;
    }

    /// <summary>Blooio's capability check (<c>GET /contacts/{contact}/capabilities</c>); null when it does not say.</summary>
    public async Task<bool?> IsOnIMessageAsync(string handle, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(handle);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(BaseWithSlash(), $"contacts/{Uri.EscapeDataString(handle)}/capabilities"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
        var body = await HostedHttp.SendAsync(Client(), request, Call("the handle lookup", isSend: false), time, cancellationToken);
        try
        {
            return JsonSerializer.Deserialize(body, BlooioJsonContext.Wire.BlooioCapabilities)?.Capabilities?.IMessage;
        }
        catch (JsonException exception)
        {
            throw new TransportException($"Blooio answered the handle lookup with JSON Tapback cannot read: {exception.Message}", retryable: false, exception);
        }
    }

    private async Task<string> CallAsync(
        HttpMethod method, string path, HttpContent? content, OutboundAction action, string what, CancellationToken cancellationToken, bool isSend = false)
    {
        using var request = new HttpRequestMessage(method, new Uri(BaseWithSlash(), path)) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
        request.Headers.TryAddWithoutValidation("Idempotency-Key", action.IdempotencyKey);
        if (options.Numbers.Count == 1)
        {
            request.Headers.TryAddWithoutValidation("X-From-Number", options.Numbers[0]);
        }

        return await HostedHttp.SendAsync(Client(), request, Call(what, isSend), time, cancellationToken);
    }

    private HostedCall Call(string what, bool isSend) => new()
    {
        Provider = "Blooio",
        What = what,
        CredentialSettings = $"{TransportsServiceCollectionExtensions.SectionName}:{name}:ApiKey",
        Timeout = options.RequestTimeout,
        IsSend = isSend,
    };

    internal HttpClient Client() => httpClientFactory.CreateClient(BlooioServiceCollectionExtensions.HttpClientName(name));

    internal Uri BaseWithSlash() => new(options.BaseUrl.ToString().TrimEnd('/') + "/");
}
