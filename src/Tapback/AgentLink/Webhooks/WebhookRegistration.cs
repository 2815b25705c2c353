using Microsoft.Extensions.Options;
using Tapback.Gateway.Http;

namespace Tapback.AgentLink.Webhooks;

/// <summary>
/// Creating a subscription, for every surface that may: an agent with its token (<c>/v2/webhooks</c>)
/// and the operator for an integration (<c>/api/admin/integrations/{id}/webhooks</c>). One place reads
/// the request, checks the URL and event types, and holds the per-integration limit.
/// </summary>
internal sealed class WebhookRegistration(WebhookUrlPolicy urls, WebhookSubscriptionStore subscriptions, IOptions<WebhookOptions> options)
{
    /// <summary>201 with the subscription and its secret (shown this once), or the problem: 400 naming the fields, 409 at the limit.</summary>
    /// <param name="deleteWith">How this surface deletes one, named in the 409 (e.g. <c>DELETE /v2/webhooks/{id}</c>).</param>
    public async Task<IResult> CreateAsync(string integrationId, HttpRequest request, string deleteWith, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync(request, WebhooksJsonContext.Wire.CreateWebhookRequest, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new Dictionary<string, string[]>();
        if (await urls.CheckAsync(body!.Url, cancellationToken) is { } urlError)
        {
            errors["url"] = [urlError];
        }

        var events = body.Events?.Distinct(StringComparer.Ordinal).ToList() ?? [];
        if (events.Count == 0)
        {
            errors["events"] = [$"Name at least one event type: {string.Join(", ", WebhookEventTypes.All)}."];
        }
        else if (events.Where(type => !WebhookEventTypes.All.Contains(type)).ToList() is { Count: > 0 } unknown)
        {
            errors["events"] = [$"Unknown event type(s) {string.Join(", ", unknown.Select(type => $"'{type}'"))}; known: {string.Join(", ", WebhookEventTypes.All)}."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var limit = options.Value.MaxSubscriptionsPerIntegration;
        var created = await subscriptions.CreateAsync(integrationId, body.Url!, events, limit, cancellationToken);
        return created is null
            ? TypedResults.Problem(
                detail: $"This integration already has {limit} webhooks; delete one first ({deleteWith}).",
                statusCode: StatusCodes.Status409Conflict,
                title: "Too many webhooks.")
            : TypedResults.Json(created, WebhooksJsonContext.Wire.WebhookView, statusCode: StatusCodes.Status201Created);
    }
}
