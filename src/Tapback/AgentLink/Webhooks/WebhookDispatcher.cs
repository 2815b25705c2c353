using System.Text;
using Microsoft.Extensions.Options;
using Tapback.Diagnostics;
using Tapback.Gateway;
using Tapback.Gateway.AgentQueue;
using Tapback.Gateway.Nodes;
using Tapback.Messaging;

namespace Tapback.AgentLink.Webhooks;

/// <summary>
/// POSTs due deliveries, signed, one at a time per (subscription, conversation) so a receiver sees a
/// conversation's events in order; a failure or timeout is retried on <see cref="WebhookRetrySchedule"/>
/// and the row is dead after the last attempt.
/// </summary>
internal sealed partial class WebhookDispatcher(
    WebhookDeliveryStore store,
    WebhookEventRenderer renderer,
    IHttpClientFactory httpClients,
    AgentLinkSignals signals,
    IJitter jitter,
    IOptions<WebhookOptions> options,
    NodeIdentity node,
    TapbackMetrics metrics,
    TimeProvider time,
    ILogger<WebhookDispatcher> logger)
    : LeasedWorkerService<WebhookDelivery>(signals.Webhooks, node, time, logger)
{
    public const string HttpClientName = "Tapback.Webhooks";

    /// <summary>The most of a receiver's error answer kept in the log.</summary>
    private const int MaxErrorLength = 500;

    private static readonly TimeSpan TrimInterval = TimeSpan.FromHours(1);
    private DateTimeOffset _lastTrim = DateTimeOffset.MinValue;

    protected override async Task<WebhookDelivery?> ClaimAsync(CancellationToken cancellationToken)
    {
        // The log is trimmed from the claiming loop (one caller at a time), at most hourly.
        var now = Time.GetUtcNow();
        if (now - _lastTrim >= TrimInterval)
        {
            _lastTrim = now;
            await store.TrimAsync(now - options.Value.Retention, cancellationToken);
        }

        // The lease outlives the attempt's timeout, so no other worker takes a row still being sent.
        return await store.ClaimAsync(NewLeaseOwner(), options.Value.Timeout + TimeSpan.FromSeconds(30), cancellationToken);
    }

    protected override async Task ProcessAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        var body = await renderer.RenderAsync(delivery, cancellationToken);
        if (body is null)
        {
            await store.MarkFailedAsync(delivery, delivery.LeaseOwner, null, "What the event names is no longer stored.", retryAt: null, CancellationToken.None);
            return;
        }

        var (statusCode, error) = await PostAsync(delivery, body, cancellationToken);
        if (error is null)
        {
            metrics.Delivered(InboundPaths.Webhook, delivery.Type, delivery.CreatedAt);
            LogDelivered(logger, delivery.Id, delivery.Type, delivery.SubscriptionId, statusCode!.Value);
            await store.MarkDeliveredAsync(delivery, delivery.LeaseOwner, statusCode.Value, CancellationToken.None);
            return;
        }

        var attempt = delivery.Attempts + 1;
        DateTimeOffset? retryAt = attempt >= options.Value.MaxAttempts ? null : Time.GetUtcNow() + WebhookRetrySchedule.After(attempt, jitter.NextDouble());
        if (retryAt is { } at)
        {
            LogRetrying(logger, delivery.Id, delivery.Type, delivery.SubscriptionId, attempt, at, error);
        }
        else
        {
            LogDead(logger, delivery.Id, delivery.Type, delivery.SubscriptionId, attempt, error);
        }

        await store.MarkFailedAsync(delivery, delivery.LeaseOwner, statusCode, error, retryAt, CancellationToken.None);
    }

    /// <summary>Returns the status code (when an answer came) and an error (null on a 2xx).</summary>
    private async Task<(int? StatusCode, string? Error)> PostAsync(WebhookDelivery delivery, string body, CancellationToken cancellationToken)
    {
        var timestamp = Time.GetUtcNow();
        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("webhook-id", delivery.EventId);
        request.Headers.Add("webhook-timestamp", timestamp.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", Signatures(delivery, timestamp, body));

        // The attempt is bounded on the injected clock, so tests drive a timeout with the fake one.
        using var timeout = new CancellationTokenSource(options.Value.Timeout, Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            var code = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return (code, null);
            }

            var answer = await ReadSomeAsync(response, linked.Token);
            return (code, $"The receiver answered {code}{(answer.Length > 0 ? ": " + answer : ".")}");
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return (null, $"No answer within {options.Value.Timeout.TotalSeconds:0.#} s.");
        }
        catch (Exception exception) when (exception is HttpRequestException or Gateway.Attachments.Downloads.AttachmentDownloadException)
        {
            return (null, exception.InnerException is Gateway.Attachments.Downloads.AttachmentDownloadException refused ? refused.Message : exception.Message);
        }
    }

    private string Signatures(WebhookDelivery delivery, DateTimeOffset timestamp, string body)
    {
        var signature = WebhookSigner.Sign(delivery.Secret, delivery.EventId, timestamp, body);
        return delivery.PreviousSecret is { } previous && delivery.PreviousSecretExpiresAt > Time.GetUtcNow().ToUnixTimeMilliseconds()
            ? $"{signature} {WebhookSigner.Sign(previous, delivery.EventId, timestamp, body)}"
            : signature;
    }

    private static async Task<string> ReadSomeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            return text.Length > MaxErrorLength ? text[..MaxErrorLength] : text;
        }
        catch (HttpRequestException)
        {
            return string.Empty;
        }
    }
}
