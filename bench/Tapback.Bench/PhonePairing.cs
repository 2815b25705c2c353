using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Tapback.Bench;

/// <summary>Pairs a simulated phone as docs/protocol.md says: it texts /setup, the bench exchanges the code it got back for a token.</summary>
internal static partial class PhonePairing
{
    /// <summary>Settings that let the bench pair many phones from one address in a few seconds.</summary>
    public static readonly Dictionary<string, string> Settings = new()
    {
        ["Tapback:Gateway:Pairing:ExchangePermitLimit"] = "100000",
    };

    public static async Task<string> PairAsync(TapbackServer tapback, string phone)
    {
        await tapback.SendAsync(phone, "/setup");
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            var events = await tapback.Http.GetFromJsonAsync<JsonArray>(new Uri($"/api/simulator/conversations/{Uri.EscapeDataString(phone)}/events", UriKind.Relative));
            var code = events!.Select(item => (string?)item?["text"]).Select(text => text is null ? null : CodePattern().Match(text)).FirstOrDefault(match => match is { Success: true });
            if (code is not null)
            {
                using var body = new StringContent(Json.Object(("phone", phone), ("code", code.Groups[1].Value)), Encoding.UTF8, "application/json");
                using var response = await tapback.Http.PostAsync(new Uri("/auth/exchange", UriKind.Relative), body);
                response.EnsureSuccessStatusCode();
                var exchanged = await response.Content.ReadFromJsonAsync<JsonObject>();
                return (string?)exchanged!["token"] ?? throw new InvalidOperationException("The exchange answered without a token.");
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"No /setup code reached the bench phone in 60 s.");
    }

    [GeneratedRegex(@"setup code is (\d{6})")]
    private static partial Regex CodePattern();
}
