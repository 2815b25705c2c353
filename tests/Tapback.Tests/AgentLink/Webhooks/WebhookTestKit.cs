using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.AgentLink.Webhooks;

/// <summary>A Tapback with a paired phone, a receiver, and a subscription of that phone's integration.</summary>
internal sealed class WebhookTestKit : IAsyncDisposable
{
    public const string Phone = "+15551230042";

    private WebhookTestKit(TapbackTestHost host, WebhookReceiver receiver, HttpClient api)
    {
        Host = host;
        Receiver = receiver;
        Api = api;
    }

    public TapbackTestHost Host { get; }

    public WebhookReceiver Receiver { get; }

    /// <summary>A client that sends the integration's token.</summary>
    public HttpClient Api { get; }

    public string WebhookId { get; private set; } = string.Empty;

    public static async Task<WebhookTestKit> StartAsync(int maxAttempts = 10, bool subscribe = true, TimeSpan? retention = null)
    {
        var settings = Settings(maxAttempts);
        if (retention is { } kept)
        {
            settings["Tapback:Webhooks:Retention"] = kept.ToString();
        }

        var host = await TapbackTestHost.StartAsync(settings);
        var receiver = await WebhookReceiver.StartAsync();
        var token = await GatewayScript.PairAsync(host, Phone);
        var api = new HttpClient { BaseAddress = host.BaseAddress };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var kit = new WebhookTestKit(host, receiver, api);
        if (subscribe)
        {
            var created = await kit.SubscribeAsync("message.received", "reaction.added");
            receiver.Secret = (string)created["secret"]!;
            kit.WebhookId = (string)created["id"]!;
        }

        return kit;
    }

    /// <summary>The receiver is on loopback, so private URLs are allowed; attempts time out after 5 s of the fake clock.</summary>
    public static Dictionary<string, string?> Settings(int maxAttempts = 10) => new()
    {
        ["Tapback:Webhooks:AllowPrivateUrls"] = "true",
        ["Tapback:Webhooks:Timeout"] = "00:00:05",
        ["Tapback:Webhooks:MaxAttempts"] = maxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public async Task<JsonNode> SubscribeAsync(params string[] events)
    {
        using var response = await Api.PostAsJsonAsync("/v2/webhooks", new { url = Receiver.Url, events });
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    public async Task<JsonArray> DeliveriesAsync(string? status = null)
    {
        var body = JsonNode.Parse(await Api.GetStringAsync($"/v2/webhooks/{WebhookId}/deliveries{(status is null ? string.Empty : "?status=" + status)}"))!;
        return body["data"]!.AsArray();
    }

    /// <summary>Advances the fake clock a second at a time (retries wait seconds to minutes) until the condition holds.</summary>
    public Task AdvanceUntilAsync(Func<bool> condition) => AdvanceUntilAsync(() => Task.FromResult(condition()));

    public Task AdvanceUntilAsync(Func<Task<bool>> condition) =>
        Host.AdvanceUntilAsync(condition, step: TimeSpan.FromSeconds(1), realTimeout: TimeSpan.FromSeconds(30));

    /// <summary>
    /// Advances the clock until the webhook worker has nothing left to try (no delivery pending) and the
    /// rest of Tapback is idle: after it, a delivery that did not happen will not happen.
    /// </summary>
    public Task AdvanceUntilIdleAsync() => AdvanceUntilAsync(async () =>
    {
        await using var connection = await Host.Services.GetRequiredService<Tapback.Storage.Database>().OpenAsync();
        return await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, "SELECT count(*) FROM webhook_deliveries WHERE state = 'pending'") == 0
            && await Host.IsIdleAsync();
    });

    /// <summary>Advances the clock until the delivery log holds <paramref name="count"/> deliveries in <paramref name="status"/>.</summary>
    public Task AdvanceUntilLoggedAsync(string status, int count) =>
        AdvanceUntilAsync(async () => (await DeliveriesAsync(status)).Count == count);

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        await Host.DisposeAsync();
        await Receiver.DisposeAsync();
    }
}
