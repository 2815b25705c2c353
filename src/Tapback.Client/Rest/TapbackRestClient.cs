using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Serialization.Metadata;

namespace Tapback.Client;

/// <summary>
/// Tapback's REST API (<c>/v2</c>, docs/rest-api.md) with the integration's token or an API key.
/// Every write that can repeat carries an <c>Idempotency-Key</c> (a new one unless you give yours), so
/// a call retried after 429 or 503 (as Tapback asks, after <c>Retry-After</c>) sends nothing twice.
/// Errors throw <see cref="TapbackApiException"/> with Tapback's own sentence.
/// </summary>
public sealed partial class TapbackRestClient : IDisposable
{
    private const string IdempotencyHeader = "Idempotency-Key";

    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly TimeProvider _time;
    private readonly AuthenticationHeaderValue _authorization;

    /// <summary>A client for the gateway at <paramref name="gateway"/> (such as <c>http://localhost:5000</c>).</summary>
    public TapbackRestClient(Uri gateway, string token, TimeProvider? timeProvider = null)
        : this(new HttpClient { BaseAddress = gateway ?? throw new ArgumentNullException(nameof(gateway)) }, token, timeProvider, ownsHttp: true)
    {
    }

    /// <summary>A client over <paramref name="httpClient"/>, whose <see cref="HttpClient.BaseAddress"/> is the gateway (from IHttpClientFactory, say).</summary>
    public TapbackRestClient(HttpClient httpClient, string token, TimeProvider? timeProvider = null)
        : this(httpClient, token, timeProvider, ownsHttp: false)
    {
    }

    private TapbackRestClient(HttpClient httpClient, string token, TimeProvider? timeProvider, bool ownsHttp)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        if (httpClient.BaseAddress is null)
        {
            throw new ArgumentException("The HttpClient needs a BaseAddress: the gateway's address, such as http://localhost:5000.", nameof(httpClient));
        }

        _http = httpClient;
        _ownsHttp = ownsHttp;
        _time = timeProvider ?? TimeProvider.System;
        _authorization = new AuthenticationHeaderValue("Bearer", token.Trim());
    }

    /// <summary>How often a call answered 429 or 503 is tried again (after <c>Retry-After</c>, at most <see cref="MaxRetryDelay"/>).</summary>
    public int MaxRetries { get; init; } = 2;

    /// <summary>The longest wait before a retry; a longer <c>Retry-After</c> is thrown to the caller instead.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    private static RestJsonContext Json => RestJsonContext.Wire;

    /// <summary><c>POST /v2/messages</c>: sends a message (durable once answered).</summary>
    /// <param name="request">The chat and what to send.</param>
    /// <param name="idempotencyKey">The send's key: the same key and body again answer the first response and send nothing. A new key when null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<SendMessageResponse> SendMessageAsync(SendMessageRequest request, string? idempotencyKey = null, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "v2/messages", Body(request, Json.SendMessageRequest), Json.SendMessageResponse, idempotencyKey ?? NewKey(), cancellationToken);

    /// <summary><c>GET /v2/messages/{id}</c>.</summary>
    public Task<Message> GetMessageAsync(string messageId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, $"v2/messages/{Escape(messageId)}", null, Json.Message, null, cancellationToken);

    /// <summary><c>PATCH /v2/messages/{id}</c>: edits a message an agent sent (or rewrites a send still waiting).</summary>
    public Task<MessageChangeAccepted> EditMessageAsync(string messageId, string body, string? idempotencyKey = null, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Patch, $"v2/messages/{Escape(messageId)}", Body(new EditMessageRequest(body), Json.EditMessageRequest), Json.MessageChangeAccepted, idempotencyKey ?? NewKey(), cancellationToken);

    /// <summary><c>DELETE /v2/messages/{id}</c>: unsends a message an agent sent, or cancels its send still waiting (asking again does nothing more).</summary>
    public Task<MessageChangeAccepted> UnsendMessageAsync(string messageId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, $"v2/messages/{Escape(messageId)}", null, Json.MessageChangeAccepted, null, cancellationToken);

    /// <summary><c>POST /v2/messages/{id}/read</c>: a read receipt up to that inbound message.</summary>
    public Task<ActionAccepted> MarkReadAsync(string messageId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, $"v2/messages/{Escape(messageId)}/read", null, Json.ActionAccepted, null, cancellationToken);

    /// <summary><c>POST /v2/messages/{id}/reactions</c>: adds or removes a tapback (<see cref="Reactions"/>).</summary>
    public Task<ActionAccepted> ReactAsync(string messageId, string reaction, bool remove = false, string? idempotencyKey = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reaction);
        var body = Body(new ReactionRequest((remove ? "-" : "+") + reaction.TrimStart('+', '-')), Json.ReactionRequest);
        return SendAsync(HttpMethod.Post, $"v2/messages/{Escape(messageId)}/reactions", body, Json.ActionAccepted, idempotencyKey ?? NewKey(), cancellationToken);
    }

    /// <summary><c>POST /v2/typing</c>: shows or hides the typing indicator, in a conversation or to the paired phone.</summary>
    public Task<ActionAccepted> SetTypingAsync(bool typing, string? conversationId = null, string? to = null, CancellationToken cancellationToken = default)
    {
        if (conversationId is null == to is null)
        {
            throw new ArgumentException("Name the chat by exactly one of conversationId and to.", nameof(conversationId));
        }

        return SendAsync(HttpMethod.Post, "v2/typing", Body(new TypingRequest(to, conversationId, typing), Json.TypingRequest), Json.ActionAccepted, null, cancellationToken);
    }

    /// <summary><c>GET /v2/conversations</c>, newest first.</summary>
    public Task<Page<Conversation>> ListConversationsAsync(int? limit = null, string? cursor = null, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "v2/conversations" + Query(("limit", Number(limit)), ("cursor", cursor)), null, Json.PageConversation, null, cancellationToken);

    /// <summary><c>GET /v2/conversations/{id}/messages</c>, newest first; <paramref name="since"/> and <paramref name="until"/> bound when Tapback stored them.</summary>
    public Task<Page<Message>> ListMessagesAsync(string conversationId, int? limit = null, string? cursor = null, DateTimeOffset? since = null, DateTimeOffset? until = null, CancellationToken cancellationToken = default) =>
        SendAsync(
            HttpMethod.Get,
            $"v2/conversations/{Escape(conversationId)}/messages" + Query(("limit", Number(limit)), ("cursor", cursor), ("since", Time(since)), ("until", Time(until))),
            null,
            Json.PageMessage,
            null,
            cancellationToken);

    /// <summary><c>GET /v2/handles/{handle}</c>: is the paired phone on iMessage?</summary>
    public Task<HandleLookup> LookupHandleAsync(string handle, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, $"v2/handles/{Escape(handle)}", null, Json.HandleLookup, null, cancellationToken);

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private static string NewKey() => Guid.NewGuid().ToString("N");

    private static string Escape(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        return Uri.EscapeDataString(value);
    }

    private static string? Number(int? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string? Time(DateTimeOffset? value) => value?.ToString("O", CultureInfo.InvariantCulture);

    private static string Query(params (string Name, string? Value)[] parameters)
    {
        var given = parameters.Where(parameter => parameter.Value is not null).Select(parameter => $"{parameter.Name}={Uri.EscapeDataString(parameter.Value!)}").ToList();
        return given.Count == 0 ? string.Empty : "?" + string.Join('&', given);
    }

    private static Func<HttpContent> Body<T>(T body, JsonTypeInfo<T> typeInfo) => () => JsonContent.Create(body, typeInfo);

    private async Task<T> SendAsync<T>(HttpMethod method, string path, Func<HttpContent>? body, JsonTypeInfo<T> answer, string? idempotencyKey, CancellationToken cancellationToken)
    {
        using var response = await SendRawAsync(method, path, body, idempotencyKey, cancellationToken);
        return await response.Content.ReadFromJsonAsync(answer, cancellationToken)
            ?? throw new InvalidOperationException($"Tapback answered {method} /{path} with an empty body.");
    }

    /// <summary>The call, tried again after 429 or 503 (nothing was stored) under the same key, then checked.</summary>
    private async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, Func<HttpContent>? body, string? idempotencyKey, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, path) { Content = body?.Invoke() };
            request.Headers.Authorization = _authorization;
            if (idempotencyKey is not null)
            {
                request.Headers.TryAddWithoutValidation(IdempotencyHeader, idempotencyKey);
            }

            var response = await _http.SendAsync(request, cancellationToken);
            if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable
                && attempt < MaxRetries
                && (HttpProblems.RetryAfter(response, _time) ?? TimeSpan.FromSeconds(1)) is var wait
                && wait <= MaxRetryDelay)
            {
                response.Dispose();
                await Task.Delay(wait < TimeSpan.Zero ? TimeSpan.Zero : wait, _time, cancellationToken);
                continue;
            }

            try
            {
                await HttpProblems.ThrowIfFailedAsync(response, _time, cancellationToken);
            }
            catch
            {
                response.Dispose();
                throw;
            }

            return response;
        }
    }
}
