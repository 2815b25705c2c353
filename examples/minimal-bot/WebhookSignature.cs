using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MinimalBot;

/// <summary>
/// Standard Webhooks (standardwebhooks.com): <c>webhook-signature</c> holds <c>v1,</c> + base64
/// HMAC-SHA256 of <c>{webhook-id}.{webhook-timestamp}.{body}</c>, keyed with the base64 bytes after
/// <c>whsec_</c>; during a secret rotation there are two, separated by a space.
/// </summary>
internal static class WebhookSignature
{
    /// <summary>An older timestamp may be a replay of a captured request.</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    public static bool IsValid(string secret, string id, string timestamp, string body, string signatures, DateTimeOffset now)
    {
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || (now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > Tolerance)
        {
            return false;
        }

        var key = Convert.FromBase64String(secret.StartsWith("whsec_", StringComparison.Ordinal) ? secret["whsec_".Length..] : secret);
        var expected = Encoding.ASCII.GetBytes(Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}"))));
        return signatures.Split(' ').Any(signature => signature.StartsWith("v1,", StringComparison.Ordinal)
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(signature[3..]), expected));
    }
}
