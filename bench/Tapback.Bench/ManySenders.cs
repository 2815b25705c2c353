using System.Globalization;

namespace Tapback.Bench;

/// <summary>Many POSTs in flight: messages number <c>from</c> up to <c>to</c>, each from the phone <c>phoneOf</c> names.</summary>
internal static class ManySenders
{
    public const string Text = "Hi! What time does the pharmacy on Main Street open tomorrow?";

    /// <summary>Returns when every message is stored; every <paramref name="progressEvery"/> messages, <paramref name="progress"/> says how far it got.</summary>
    public static async Task SendAsync(
        TapbackServer tapback, int from, int to, int inFlight, Func<int, string> phoneOf, int progressEvery, Func<int, string> progress)
    {
        var next = from;
        var senders = Enumerable.Range(0, inFlight).Select(async _ =>
        {
            for (var n = Interlocked.Increment(ref next) - 1; n < to; n = Interlocked.Increment(ref next) - 1)
            {
                await tapback.SendAsync(phoneOf(n), Text);
                if (n > from && n % progressEvery == 0)
                {
                    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:HH:mm:ss} {progress(n)}"));
                }
            }
        });
        await Task.WhenAll(senders);
    }
}
