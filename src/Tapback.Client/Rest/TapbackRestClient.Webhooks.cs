namespace Tapback.Client;

public sealed partial class TapbackRestClient
{
    /// <summary>
    /// <c>POST /v2/webhooks</c>: subscribes <paramref name="url"/> to <paramref name="events"/>
    /// (<see cref="TapbackEventTypes"/>). Keep the answer's <see cref="Webhook.Secret"/>: it is shown only here.
    /// </summary>
    public Task<Webhook> CreateWebhookAsync(Uri url, IReadOnlyList<string> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(events);
        return SendAsync(HttpMethod.Post, "v2/webhooks", Body(new CreateWebhookRequest(url.ToString(), events), Json.CreateWebhookRequest), Json.Webhook, null, cancellationToken);
    }

    /// <summary><c>GET /v2/webhooks</c>.</summary>
    public async Task<IReadOnlyList<Webhook>> ListWebhooksAsync(CancellationToken cancellationToken = default) =>
        (await SendAsync(HttpMethod.Get, "v2/webhooks", null, Json.WebhookList, null, cancellationToken)).Data;

    /// <summary><c>DELETE /v2/webhooks/{id}</c>: deliveries not yet made are cancelled.</summary>
    public async Task DeleteWebhookAsync(string webhookId, CancellationToken cancellationToken = default)
    {
        using var response = await SendRawAsync(HttpMethod.Delete, $"v2/webhooks/{Escape(webhookId)}", null, null, cancellationToken);
    }

    /// <summary><c>POST /v2/webhooks/{id}/secret/rotate</c>: a new secret; for 24 h deliveries are signed with both.</summary>
    public Task<Webhook> RotateWebhookSecretAsync(string webhookId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, $"v2/webhooks/{Escape(webhookId)}/secret/rotate", null, Json.Webhook, null, cancellationToken);

    /// <summary><c>GET /v2/webhooks/{id}/deliveries</c>, newest first; <paramref name="status"/> is <c>pending</c>, <c>delivered</c>, <c>dead</c> or <c>cancelled</c>.</summary>
    public Task<WebhookDeliveryPage> ListWebhookDeliveriesAsync(string webhookId, string? status = null, int? limit = null, string? before = null, CancellationToken cancellationToken = default) =>
        SendAsync(
            HttpMethod.Get,
            $"v2/webhooks/{Escape(webhookId)}/deliveries" + Query(("status", status), ("limit", Number(limit)), ("before", before)),
            null,
            Json.WebhookDeliveryPage,
            null,
            cancellationToken);

    /// <summary><c>POST /v2/webhooks/{id}/deliveries/{deliveryId}/replay</c>: tries that delivery again from attempt 1.</summary>
    public async Task<int> ReplayWebhookDeliveryAsync(string webhookId, string deliveryId, CancellationToken cancellationToken = default) =>
        (await SendAsync(HttpMethod.Post, $"v2/webhooks/{Escape(webhookId)}/deliveries/{Escape(deliveryId)}/replay", null, Json.ReplayResult, null, cancellationToken)).Replayed;

    /// <summary><c>POST /v2/webhooks/{id}/deliveries/replay</c>: tries every dead delivery again; returns how many.</summary>
    public async Task<int> ReplayDeadWebhookDeliveriesAsync(string webhookId, CancellationToken cancellationToken = default) =>
        (await SendAsync(HttpMethod.Post, $"v2/webhooks/{Escape(webhookId)}/deliveries/replay", null, Json.ReplayResult, null, cancellationToken)).Replayed;
}
