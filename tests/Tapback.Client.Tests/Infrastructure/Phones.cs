using System.Text.RegularExpressions;
using Tapback.Tests.Infrastructure;

namespace Tapback.Client.Tests.Infrastructure;

/// <summary>The simulator's phone pairing itself the way a person does: it texts /setup and the SDK exchanges the code.</summary>
internal static partial class Phones
{
    public static async Task<string> RequestCodeAsync(TapbackTestHost host, string phone)
    {
        var before = (await CodesAsync(host, phone)).Count;
        await host.SendAsync(phone, "/setup");
        string? code = null;
        await host.AdvanceUntilAsync(async () =>
        {
            code = (await CodesAsync(host, phone)).Skip(before).FirstOrDefault();
            return code is not null;
        });
        return code!;
    }

    private static async Task<List<string>> CodesAsync(TapbackTestHost host, string phone) =>
        [.. (await host.EventsAsync(phone))
            .Where(e => e.Type == "message.received" && e.Text is not null && e.Text.Contains("setup code", StringComparison.Ordinal))
            .Select(e => SixDigits().Match(e.Text!).Value)];

    public static async Task<PairingResult> PairAsync(TapbackTestHost host, string phone) =>
        await TapbackPairing.ExchangeAsync(host.BaseAddress, phone, await RequestCodeAsync(host, phone));

    /// <summary>How many bubbles the phone has seen from an agent with exactly this text.</summary>
    public static async Task<int> BubblesAsync(TapbackTestHost host, string phone, string text) =>
        (await host.EventsAsync(phone)).Count(e => e.Type == "message.received" && e.Text == text);

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex SixDigits();
}
