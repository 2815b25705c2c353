namespace Tapback.Gateway.Pairing;

/// <summary>The text a phone sends to ask for a pairing code.</summary>
internal static class SetupCommand
{
    public const string Text = "/setup";

    public static bool Matches(string text) => string.Equals(text.Trim(), Text, StringComparison.OrdinalIgnoreCase);

    public static string Reply(string code, TimeSpan lifetime) =>
        $"Your Tapback setup code is {code}. It expires in {(int)lifetime.TotalMinutes} minutes. Do not share it with anyone you do not trust with your messages.";

    public static string RedactedReply(TimeSpan lifetime) => Reply("••••••", lifetime);
}
