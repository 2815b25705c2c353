using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Tapback.AgentLink.Webhooks;

/// <summary>
/// The Standard Webhooks scheme (standardwebhooks.com): the secret is <c>whsec_</c> + base64 of its
/// key bytes; the signature is <c>v1,</c> + base64 HMAC-SHA256 of <c>{id}.{timestamp}.{body}</c>;
/// several signatures are separated by spaces (during a secret rotation).
/// </summary>
internal static class WebhookSigner
{
    public const string SecretPrefix = "whsec_";

    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static string Sign(string secret, string id, DateTimeOffset timestamp, string body)
    {
        var key = Convert.FromBase64String(secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret);
        var content = $"{id}.{timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}.{body}";
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(content)));
    }
}
