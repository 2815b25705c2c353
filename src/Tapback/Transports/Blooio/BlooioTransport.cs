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
    ILogger<BlooioTransport> logger) : IMessageTransport, IReconcilingTransport
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
        Edits = false,
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

        var content = JsonContent.Create(new BlooioSendRequest { Text = send.Text }, BlooioJsonContext.Wire.BlooioSendRequest);
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

        var call = new HostedCall
        {
            Provider = "Blooio",
            What = what,
            CredentialSettings = $"{TransportsServiceCollectionExtensions.SectionName}:{name}:ApiKey",
            Timeout = options.RequestTimeout,
            IsSend = isSend,
        };
        return await HostedHttp.SendAsync(Client(), request, call, time, cancellationToken);
    }

    internal HttpClient Client() => httpClientFactory.CreateClient(BlooioServiceCollectionExtensions.HttpClientName(name));

    internal Uri BaseWithSlash() => new(options.BaseUrl.ToString().TrimEnd('/') + "/");
}
