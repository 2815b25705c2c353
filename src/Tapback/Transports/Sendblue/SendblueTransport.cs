using System.Net.Http.Json;
using System.Text.Json;
using Tapback.Messaging;
using Tapback.Messaging.Handles;
using Tapback.Transports.Hosted;

namespace Tapback.Transports.Sendblue;

/// <summary>
/// iMessage through Sendblue's hosted API. Sendblue has no idempotency key, so a send whose outcome is
/// unknown is looked up in its message list (chat, text, time) rather than sent again.
/// </summary>
internal sealed partial class SendblueTransport(
    string name,
    SendblueOptions options,
    IHttpClientFactory httpClientFactory,
    SendblueLines lines,
    ProviderMessageIds messageIds,
    TimeProvider time,
    ILogger<SendblueTransport> logger) : IMessageTransport, IReconcilingTransport, IHandleLookup
{
    public const string KindName = "Sendblue";

    public string Name => name;

    public string Kind => KindName;

    public TransportCapabilities Capabilities { get; } = new()
    {
        // One-to-one chats only; in a group the indicator and receipt are skipped.
        Typing = true,
        ReadReceipts = true,
        TapbacksSent = true,
        // Sendblue's webhooks do not report tapbacks.
        TapbacksReceived = false,
        // Sendblue takes media only as a public URL, and Tapback does not publish its files yet.
        Attachments = false,
        VoiceNotes = false,
        // send_style on send-message (docs.sendblue.com, expressive messages).
        Effects = true,
        // evaluate-service (the lookup API): iMessage or SMS.
        HandleLookup = true,
        // Not in Sendblue's send API, nor edits and unsends; its typing webhook's payload is not documented in the wire samples Tapback is built from.
        Replies = false,
        Edits = false,
        Unsends = false,
        TypingReceived = false,
        // Sendblue's contact sharing is Apple's Name and Photo, not a vCard, and files go only as public URLs.
        ContactCards = false,
        Groups = true,
        IdempotentSends = false,
    };

    /// <summary>A chat id is a person's handle (E.164 or email) for a one-to-one chat; anything else is a Sendblue group id.</summary>
    public static bool IsGroupChat(string chatId) =>
        !(chatId.StartsWith('+') || chatId.Contains('@', StringComparison.Ordinal)) || !HandleNormalizer.TryNormalize(chatId, out _);

    public async Task<string?> ExecuteAsync(OutboundAction action, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(action);
        var group = IsGroupChat(action.ChatId);
        var line = await LineForAsync(action.ChatId, cancellationToken);
        switch (action)
        {
            case SendMessageAction send:
                if (send.Attachments.Count > 0)
                {
                    throw new TransportException("Sendblue takes media only as a public URL; Tapback cannot send files through Sendblue yet.", retryable: false);
                }

                if (send.ReplyTo is not null)
                {
                    throw new TransportException("Sendblue's API has no inline replies, so this transport does not offer them (Replies is false).", retryable: false);
                }

                var style = send.Effect is { } effect ? SendblueEffects.ToSendStyle(effect) : null;
                var request = group
                    ? new SendblueRequest { GroupId = action.ChatId, FromNumber = line, Content = send.Text, SendStyle = style }
                    : new SendblueRequest { Number = action.ChatId, FromNumber = line, Content = send.Text, SendStyle = style };
                var body = await PostAsync(group ? "api/send-group-message" : "api/send-message", request, "the send", cancellationToken, isSend: true);
                return Accepted(body, send.MessageId);
            case SetTypingAction typing:
                // Sendblue has no "stop typing" and no typing in groups: the dots fade by themselves.
                if (typing.On && !group)
                {
                    await PostAsync("api/send-typing-indicator", new SendblueRequest { Number = action.ChatId, FromNumber = line }, "the typing indicator", cancellationToken);
                }

                return null;
            case MarkReadAction when !group:
                await PostAsync("api/mark-read", new SendblueRequest { Number = action.ChatId, FromNumber = line }, "the read receipt", cancellationToken);
                return null;
            case MarkReadAction:
                return null;
            case ReactAction { Remove: true }:
                // Sendblue cannot take a tapback off; leaving it is the graceful failure.
                LogCannotRemove(logger, name);
                return null;
            case ReactAction react:
                var handle = await messageIds.ToProviderAsync(name, react.MessageId, cancellationToken)
                    ?? throw new TransportException($"Message {react.MessageId} has no Sendblue handle to react to.", retryable: false);
                await PostAsync("api/send-reaction", new SendblueRequest { FromNumber = line, MessageHandle = handle, Reaction = react.Reaction.ToWire() }, "the tapback", cancellationToken);
                return null;
            case EditMessageAction or UnsendMessageAction:
                throw new TransportException($"Sendblue's API cannot edit or unsend a message, so this transport does not offer it ({(action is EditMessageAction ? "Edits" : "Unsends")} is false).", retryable: false);
            default:
                throw new TransportException($"Sendblue cannot carry out {action.GetType().Name}.", retryable: false);
        }
    }

    /// <summary>Sendblue's lookup (<c>GET /api/evaluate-service</c>): iMessage, SMS, or null when it names neither.</summary>
    public async Task<bool?> IsOnIMessageAsync(string handle, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(handle);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(BaseWithSlash(), $"api/evaluate-service?number={Uri.EscapeDataString(handle)}"));
        var body = await SendAsync(request, "the handle lookup", isSend: false, cancellationToken);
        SendblueLookup? answer;
        try
        {
            answer = JsonSerializer.Deserialize(body, SendblueJsonContext.Wire.SendblueLookup);
        }
        catch (JsonException exception)
        {
            throw new TransportException($"Sendblue answered the handle lookup with JSON Tapback cannot read: {exception.Message}", retryable: false, exception);
        }

        return MessageServices.Of(answer?.Service) switch
        {
            MessageServices.IMessage => true,
            MessageServices.Sms => false,
            _ => null,
        };
    }

    private string? Accepted(string body, string messageId)
    {
        SendblueMessage? answer;
        try
        {
            answer = JsonSerializer.Deserialize(body, SendblueJsonContext.Wire.SendblueMessage);
        }
        catch (JsonException exception)
        {
            LogUnreadableAnswer(logger, name, exception.Message);
            return null;
        }

        if (string.Equals(answer?.Status, "ERROR", StringComparison.OrdinalIgnoreCase))
        {
            throw new TransportException($"Sendblue refused the send: {answer?.ErrorMessage ?? answer?.ErrorDetail ?? "no reason given"}.", retryable: false);
        }

        LogSent(logger, name, messageId, answer?.MessageHandle ?? "(none)");
        return answer?.MessageHandle;
    }

    private async Task<string> LineForAsync(string chatId, CancellationToken cancellationToken) =>
        await lines.GetAsync(name, chatId, cancellationToken) ?? options.Numbers[0];

    private async Task<string> PostAsync(string path, SendblueRequest body, string what, CancellationToken cancellationToken, bool isSend = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(BaseWithSlash(), path))
        {
            Content = JsonContent.Create(body, SendblueJsonContext.Wire.SendblueRequest),
        };
        return await SendAsync(request, what, isSend, cancellationToken);
    }

    internal async Task<string> SendAsync(HttpRequestMessage request, string what, bool isSend, CancellationToken cancellationToken)
    {
        request.Headers.TryAddWithoutValidation("sb-api-key-id", options.ApiKey);
        request.Headers.TryAddWithoutValidation("sb-api-secret-key", options.ApiSecret);
        var prefix = $"{TransportsServiceCollectionExtensions.SectionName}:{name}";
        var call = new HostedCall
        {
            Provider = "Sendblue",
            What = what,
            CredentialSettings = $"{prefix}:ApiKey and {prefix}:ApiSecret",
            Timeout = options.RequestTimeout,
            IsSend = isSend,
        };
        return await HostedHttp.SendAsync(httpClientFactory.CreateClient(SendblueServiceCollectionExtensions.HttpClientName(name)), request, call, time, cancellationToken);
    }

    internal Uri BaseWithSlash() => new(options.BaseUrl.ToString().TrimEnd('/') + "/");
}
