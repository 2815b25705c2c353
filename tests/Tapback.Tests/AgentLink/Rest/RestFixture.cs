using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.AgentLink.Rest;

/// <summary>What an HTTP bot holds: a client for Tapback's base URL that sends the integration token.</summary>
internal static class RestFixture
{
    public static HttpClient ClientFor(TapbackTestHost host, string token)
    {
        var client = new HttpClient { BaseAddress = host.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static async Task<(HttpResponseMessage Response, JsonNode? Body)> PostAsync(HttpClient client, string path, object body, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response, text.Length > 0 ? JsonNode.Parse(text) : null);
    }

    public static async Task<(HttpResponseMessage Response, JsonNode? Body)> GetAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        return (response, text.Length > 0 ? JsonNode.Parse(text) : null);
    }

    /// <summary>Advances the fake clock until the phone has seen an agent bubble that satisfies <paramref name="match"/>.</summary>
    public static async Task<IReadOnlyList<PhoneEventDto>> WaitForPhoneAsync(TapbackTestHost host, string phone, Func<IReadOnlyList<PhoneEventDto>, bool> match)
    {
        IReadOnlyList<PhoneEventDto> events = [];
        await host.AdvanceUntilAsync(async () =>
        {
            events = await host.EventsAsync(phone);
            return match(events);
        });
        return events;
    }
}
