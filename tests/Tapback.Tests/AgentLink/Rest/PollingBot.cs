using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Tapback.Tests.AgentLink.Rest;

/// <summary>
/// The classic minimal HTTP bot, with polling in place of a webhook: for each inbound message that
/// arrived after it started, it marks it read, starts typing, and replies with <c>POST /v2/messages</c>.
/// Only the REST API, as a user's bot would use it.
/// </summary>
internal sealed class PollingBot(HttpClient client, DateTimeOffset startedAt, Func<string, string> answer)
{
    private readonly HashSet<string> _seen = [];

    /// <summary>One poll: answers every new inbound message; returns how many it answered.</summary>
    public async Task<int> PollOnceAsync()
    {
        var answered = 0;
        var conversations = await client.GetFromJsonAsync<JsonNode>("/v2/conversations");
        foreach (var conversation in conversations!["data"]!.AsArray())
        {
            var conversationId = (string)conversation!["id"]!;
            var messages = await client.GetFromJsonAsync<JsonNode>($"/v2/conversations/{conversationId}/messages?limit=20&since={Uri.EscapeDataString(startedAt.ToString("O"))}");
            foreach (var message in messages!["data"]!.AsArray().Reverse())
            {
                var id = (string)message!["id"]!;
                if ((string?)message["direction"] != "inbound" || !_seen.Add(id))
                {
                    continue;
                }

                var from = (string)message["from"]!;
                (await client.PostAsJsonAsync($"/v2/messages/{id}/read", new { })).EnsureSuccessStatusCode();
                (await client.PostAsJsonAsync("/v2/typing", new { to = from, typing = true })).EnsureSuccessStatusCode();
                (await client.PostAsJsonAsync("/v2/messages", new { to = from, body = answer((string)message["body"]!) })).EnsureSuccessStatusCode();
                answered++;
            }
        }

        return answered;
    }
}
