using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.AgentLink;

/// <summary>The steps a person and an agent platform take: text /setup, read the code, exchange it.</summary>
internal static partial class GatewayScript
{
    /// <summary>Texts /setup from <paramref name="phone"/> on the simulator and returns the code it got back.</summary>
    public static async Task<string> RequestCodeAsync(TapbackTestHost host, string phone)
    {
        var before = (await host.EventsAsync(phone)).Count(e => e.Type == "message.received");
        await host.SendAsync(phone, "/setup");
        PhoneEventDto? reply = null;
        await EventuallyAsync(async () =>
        {
            reply = (await host.EventsAsync(phone)).Where(e => e.Type == "message.received").Skip(before).FirstOrDefault();
            return reply is not null;
        });
        return SixDigits().Match(reply!.Text!).Value;
    }

    public static async Task<HttpResponseMessage> ExchangeAsync(TapbackTestHost host, string phone, string code) =>
        await host.Client.PostAsJsonAsync("/auth/exchange", new { phone, code });

    /// <summary>Pairs <paramref name="phone"/> and returns its token.</summary>
    public static async Task<string> PairAsync(TapbackTestHost host, string phone)
    {
        var code = await RequestCodeAsync(host, phone);
        using var response = await ExchangeAsync(host, phone, code);
        response.EnsureSuccessStatusCode();
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return (string)body["token"]!;
    }

    /// <summary>Polls until the condition holds, without moving any clock (<see cref="Waits"/>).</summary>
    public static Task EventuallyAsync(Func<Task<bool>> condition, TimeSpan? timeout = null) => Waits.UntilAsync(condition, timeout: timeout);

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex SixDigits();
}
