// The classic minimal iMessage bot against Tapback's REST API: read what arrived, mark it read, show
// typing, answer. It polls; with webhooks it would do the same on each message.received.
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

var baseUrl = Environment.GetEnvironmentVariable("TAPBACK_URL") ?? "http://localhost:5000";
var token = Environment.GetEnvironmentVariable("TAPBACK_TOKEN")
    ?? throw new InvalidOperationException("Set TAPBACK_TOKEN to the integration token from POST /auth/exchange.");

using var tapback = new HttpClient { BaseAddress = new Uri(baseUrl) };
tapback.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

var startedAt = DateTimeOffset.UtcNow;
var seen = new HashSet<string>();
Console.WriteLine($"Polling {baseUrl} for messages; Ctrl+C stops.");
while (true)
{
    var conversations = await tapback.GetFromJsonAsync<JsonNode>("/v2/conversations");
    foreach (var conversation in conversations!["data"]!.AsArray())
    {
        var since = Uri.EscapeDataString(startedAt.ToString("O"));
        var page = await tapback.GetFromJsonAsync<JsonNode>($"/v2/conversations/{conversation!["id"]}/messages?since={since}");
        foreach (var message in page!["data"]!.AsArray().Reverse())
        {
            var id = (string)message!["id"]!;
            if ((string?)message["direction"] != "inbound" || !seen.Add(id))
            {
                continue;
            }

            var from = (string)message["from"]!;
            var body = (string)message["body"]!;
            Console.WriteLine($"{from}: {body}");
            await tapback.PostAsJsonAsync($"/v2/messages/{id}/read", new { });
            await tapback.PostAsJsonAsync("/v2/typing", new { to = from, typing = true });
            var reply = Answer(body);
            // The message id as the key: if this bot crashes and answers again, Tapback sends once.
            using var send = new HttpRequestMessage(HttpMethod.Post, "/v2/messages")
            {
                Content = JsonContent.Create(new { to = from, body = reply, split = true }),
            };
            send.Headers.Add("Idempotency-Key", $"reply-{id}");
            var response = await tapback.SendAsync(send);
            Console.WriteLine(response.IsSuccessStatusCode ? $"  -> {reply}" : $"  !! {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    await Task.Delay(TimeSpan.FromSeconds(2));
}

// Replace with a call to your model.
static string Answer(string text) => text.Trim().ToLowerInvariant() switch
{
    "hi" or "hello" or "hey" => "Hello! I'm a minimal bot on Tapback. Say anything and I'll say it back.",
    _ => $"You said: {text}",
};
