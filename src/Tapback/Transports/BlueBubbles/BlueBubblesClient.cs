using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Tapback.Messaging;
using Tapback.Transports.BlueBubbles.Api;

namespace Tapback.Transports.BlueBubbles;

/// <summary>
/// The BlueBubbles REST API under <c>/api/v1</c>, with the password as the <c>guid</c> query
/// parameter. Every failure becomes a <see cref="TransportException"/> that says whether a retry may
/// help and whether a send may already have gone out.
/// </summary>
internal sealed partial class BlueBubblesClient(
    string name,
    Uri apiBase,
    BlueBubblesOptions options,
    IHttpClientFactory httpClientFactory,
    TimeProvider time)
{
    public const string HttpClientName = "Tapback.BlueBubbles";

    private static readonly BlueBubblesJsonContext Json = BlueBubblesJsonContext.Wire;

    public string Name => name;

    /// <summary>Where an attachment's bytes are; the URL holds the password, so it is never logged.</summary>
    public Uri AttachmentUrl(string attachmentGuid) => Url($"attachment/{Uri.EscapeDataString(attachmentGuid)}/download");

    public async Task<BlueBubblesServerInfo> GetServerInfoAsync(CancellationToken cancellationToken = default) =>
        await SendAsync(HttpMethod.Get, "server/info", null, Json.BlueBubblesResponseBlueBubblesServerInfo, "read the server info", mayHaveSent: false, cancellationToken)
        ?? throw new TransportException($"BlueBubbles ({name}) answered /server/info without data.", retryable: true);

    /// <summary>
    /// <c>GET /ping</c>: the server's cheapest answer (<c>{"message": "Ping received!", "data": "pong"}</c>,
    /// GeneralRouter.ping), behind its password like every route; throws when it cannot be reached.
    /// </summary>
    public Task PingAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "ping", null, Json.BlueBubblesResponseJsonElement, "answer a ping", mayHaveSent: false, cancellationToken);

    public async Task<BlueBubblesMessage> SendTextAsync(SendTextRequest request, CancellationToken cancellationToken = default) =>
        Sent(await SendAsync(HttpMethod.Post, "message/text", JsonContent.Create(request, Json.SendTextRequest), Json.BlueBubblesResponseBlueBubblesMessage, "send a message", mayHaveSent: true, cancellationToken));

    /// <param name="selectedMessageGuid">The message this file answers inline, or null.</param>
    /// <param name="effectId">Apple's effect id, or null.</param>
    public async Task<BlueBubblesMessage> SendAttachmentAsync(
        string chatGuid, string tempGuid, string method, OutboundAttachment file, string? selectedMessageGuid = null, string? effectId = null, CancellationToken cancellationToken = default)
    {
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(chatGuid), "chatGuid");
        form.Add(new StringContent(tempGuid), "tempGuid");
        form.Add(new StringContent(file.FileName), "name");
        form.Add(new StringContent(method), "method");
        if (selectedMessageGuid is not null)
        {
            form.Add(new StringContent(selectedMessageGuid), "selectedMessageGuid");
            form.Add(new StringContent("0"), "partIndex");
        }

        if (effectId is not null)
        {
            form.Add(new StringContent(effectId), "effectId");
        }

        var bytes = new ByteArrayContent(await File.ReadAllBytesAsync(file.Path, cancellationToken));
        bytes.Headers.ContentType = MediaTypeHeaderValue.TryParse(file.ContentType, out var type) ? type : new MediaTypeHeaderValue("application/octet-stream");
        form.Add(bytes, "attachment", file.FileName);
        return Sent(await SendAsync(HttpMethod.Post, "message/attachment", form, Json.BlueBubblesResponseBlueBubblesMessage, "send a file", mayHaveSent: true, cancellationToken));
    }

    public Task ReactAsync(ReactRequest request, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "message/react", JsonContent.Create(request, Json.ReactRequest), Json.BlueBubblesResponseJsonElement, "send a tapback", mayHaveSent: false, cancellationToken);

    /// <summary>Replaces the text of a message this Mac sent (<c>POST /message/{guid}/edit</c>).</summary>
    public Task EditAsync(string messageGuid, EditRequest request, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, $"message/{Uri.EscapeDataString(messageGuid)}/edit", JsonContent.Create(request, Json.EditRequest), Json.BlueBubblesResponseJsonElement, "edit a message", mayHaveSent: false, cancellationToken);

    /// <summary>Takes back a message this Mac sent (<c>POST /message/{guid}/unsend</c>).</summary>
    public Task UnsendAsync(string messageGuid, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, $"message/{Uri.EscapeDataString(messageGuid)}/unsend", JsonContent.Create(new UnsendRequest(), Json.UnsendRequest), Json.BlueBubblesResponseJsonElement, "unsend a message", mayHaveSent: false, cancellationToken);

    /// <summary>Whether Apple says the address is on iMessage (<c>GET /handle/availability/imessage</c>); null when the server does not say.</summary>
    public async Task<bool?> IsOnIMessageAsync(string address, CancellationToken cancellationToken = default) =>
        (await SendAsync(HttpMethod.Get, "handle/availability/imessage", null, Json.BlueBubblesResponseHandleAvailability, "look up a handle", mayHaveSent: false, cancellationToken, $"&address={Uri.EscapeDataString(address)}"))?.Available;

    public Task StartTypingAsync(string chatGuid, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, $"chat/{Uri.EscapeDataString(chatGuid)}/typing", null, Json.BlueBubblesResponseJsonElement, "start typing", mayHaveSent: false, cancellationToken);

    public Task StopTypingAsync(string chatGuid, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, $"chat/{Uri.EscapeDataString(chatGuid)}/typing", null, Json.BlueBubblesResponseJsonElement, "stop typing", mayHaveSent: false, cancellationToken);

    public Task MarkReadAsync(string chatGuid, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, $"chat/{Uri.EscapeDataString(chatGuid)}/read", null, Json.BlueBubblesResponseJsonElement, "mark the chat read", mayHaveSent: false, cancellationToken);

    public async Task<IReadOnlyList<BlueBubblesMessage>> QueryMessagesAsync(MessageQueryRequest query, CancellationToken cancellationToken = default) =>
        await SendAsync(HttpMethod.Post, "message/query", JsonContent.Create(query, Json.MessageQueryRequest), Json.BlueBubblesResponseIReadOnlyListBlueBubblesMessage, "query messages", mayHaveSent: false, cancellationToken)
        ?? [];

    private BlueBubblesMessage Sent(BlueBubblesMessage? message) =>
        message is { Guid.Length: > 0 }
            ? message
            : throw new TransportException($"BlueBubbles ({name}) answered a send without the message's guid.", retryable: true) { OutcomeUnknown = true };

    private Uri Url(string path, string query = "") => new(apiBase, $"{path}?guid={Uri.EscapeDataString(options.Password!)}{query}");

    private async Task<T?> SendAsync<T>(
        HttpMethod method,
        string path,
        HttpContent? content,
        JsonTypeInfo<BlueBubblesResponse<T>> type,
        string what,
        bool mayHaveSent,
        CancellationToken cancellationToken,
        string query = "")
    {
        // Bounded on the injected clock (tests drive it); HttpClient's own timeout is off.
        using var timeout = new CancellationTokenSource(options.RequestTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var request = new HttpRequestMessage(method, Url(path, query)) { Content = content };
        var client = httpClientFactory.CreateClient(HttpClientName);
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, linked.Token);
            var body = await response.Content.ReadAsByteArrayAsync(linked.Token);
            if (!response.IsSuccessStatusCode)
            {
                throw Failure(response, body, what, mayHaveSent);
            }

            return body.Length == 0 ? default : JsonSerializer.Deserialize(body, type) is { } parsed ? parsed.Data : default;
        }
        catch (OperationCanceledException exception) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TransportException(
                $"BlueBubbles ({name}) did not answer within {options.RequestTimeout} when asked to {what} (Tapback:Transports:{name}:RequestTimeout).", retryable: true, exception)
            {
                OutcomeUnknown = mayHaveSent,
            };
        }
        catch (HttpRequestException exception)
        {
            // Refused or unresolvable: the request never left. Anything later (a dropped connection,
            // a cut-off answer) may have reached the server.
            var neverSent = exception.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError;
            throw new TransportException($"BlueBubbles ({name}) could not be reached to {what}: {exception.Message}", retryable: true, exception)
            {
                OutcomeUnknown = mayHaveSent && !neverSent,
            };
        }
        catch (JsonException exception)
        {
            throw new TransportException($"BlueBubbles ({name}) answered {what} with JSON Tapback cannot read: {exception.Message}", retryable: false, exception)
            {
                OutcomeUnknown = mayHaveSent,
            };
        }
    }
}
