using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Tapback.Messaging;

namespace Tapback.Transports.Hosted;

/// <summary>
/// One request to a hosted provider's REST API, bounded in time on the injected clock, with every
/// failure turned into a <see cref="TransportException"/> the outbox understands: retryable or not,
/// the provider's Retry-After, and whether a send may have gone out (so it is reconciled, not repeated).
/// </summary>
internal static class HostedHttp
{
    /// <summary>The longest Retry-After honoured; a provider asking for more is asked again after this.</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromMinutes(15);

    public static async Task<string> SendAsync(
        HttpClient client,
        HttpRequestMessage request,
        HostedCall call,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(call.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, linked.Token);
        }
        catch (OperationCanceledException exception) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TransportException($"{call.Provider} did not answer {call.What} within {call.Timeout}.", retryable: true, exception)
            {
                OutcomeUnknown = call.IsSend,
            };
        }
        catch (HttpRequestException exception)
        {
            // A refused connection never carried the request; anything later (a reset, a closed
            // connection mid-answer) may have, so a send is then of unknown outcome.
            var neverSent = exception.HttpRequestError is HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError
                && exception.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.NetworkUnreachable or SocketError.HostUnreachable };
            throw new TransportException($"{call.Provider} could not be reached for {call.What}: {exception.Message}", retryable: true, exception)
            {
                OutcomeUnknown = call.IsSend && !neverSent,
            };
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return body;
            }

            throw Refused(response, body, call, time);
        }
    }

    private static TransportException Refused(HttpResponseMessage response, string body, HostedCall call, TimeProvider time)
    {
        var status = (int)response.StatusCode;
        var said = Excerpt(body);
        return response.StatusCode switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new TransportException(
                $"{call.Provider} refused the credentials for {call.What} ({status}); check {call.CredentialSettings}. {said}", retryable: false),
            HttpStatusCode.TooManyRequests => new TransportException($"{call.Provider} is rate limiting {call.What} (429). {said}", retryable: true)
            {
                RetryAfter = RetryAfterOf(response, time),
            },
            HttpStatusCode.RequestTimeout => new TransportException($"{call.Provider} timed out {call.What} (408). {said}", retryable: true)
            {
                OutcomeUnknown = call.IsSend,
            },
            // A provider error may come after the message was handed on: a send is reconciled.
            _ when status >= 500 => new TransportException($"{call.Provider} failed {call.What} ({status}). {said}", retryable: true)
            {
                OutcomeUnknown = call.IsSend,
            },
            _ => new TransportException($"{call.Provider} refused {call.What} ({status}). {said}", retryable: false),
        };
    }

    private static TimeSpan? RetryAfterOf(HttpResponseMessage response, TimeProvider time)
    {
        var header = response.Headers.RetryAfter;
        TimeSpan? wait = header?.Delta ?? (header?.Date is { } date ? date - time.GetUtcNow() : null);
        if (wait is null && response.Headers.TryGetValues("Retry-After", out var raw)
            && double.TryParse(raw.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            wait = TimeSpan.FromSeconds(seconds);
        }

        if (wait is null)
        {
            return null;
        }

        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait > MaxRetryAfter ? MaxRetryAfter : wait;
    }

    // The provider's own words help an operator; a long HTML error page does not.
    private static string Excerpt(string body)
    {
        var text = body.Trim();
        return text.Length == 0 ? "" : $"It said: {(text.Length > 300 ? text[..300] + "…" : text)}";
    }
}
