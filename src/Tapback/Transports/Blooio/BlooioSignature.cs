using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Tapback.Transports.Blooio;

/// <summary>
/// Blooio's webhook signature: <c>X-Blooio-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256(secret, "{t}.{raw body}")&gt;</c>.
/// A timestamp outside the tolerance is refused, so a captured request cannot be replayed later.
/// </summary>
internal static class BlooioSignature
{
    public const string HeaderName = "X-Blooio-Signature";

    /// <summary>Null when the header proves the body; otherwise what is wrong, for the 401.</summary>
    public static string? Check(string? header, ReadOnlySpan<byte> body, string secret, DateTimeOffset now, TimeSpan tolerance)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return $"The {HeaderName} header is missing.";
        }

        string? timestamp = null;
        var signatures = new List<byte[]>();
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                continue;
            }

            var key = part[..equals];
            var value = part[(equals + 1)..];
            if (key == "t")
            {
                timestamp = value;
            }
            else if (key == "v1" && value.Length == 64 && value.All(char.IsAsciiHexDigit))
            {
                signatures.Add(Convert.FromHexString(value));
            }
        }

        if (timestamp is null || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || signatures.Count == 0)
        {
            return $"The {HeaderName} header needs t=<unix seconds> and v1=<hex signature>.";
        }

        var signedAt = DateTimeOffset.FromUnixTimeSeconds(Math.Min(seconds, DateTimeOffset.MaxValue.ToUnixTimeSeconds()));
        if ((now - signedAt).Duration() > tolerance)
        {
            return $"The signature's timestamp is more than {tolerance.TotalSeconds:0} seconds from now; a replayed or delayed webhook is refused.";
        }

        var expected = Compute(secret, timestamp, body);
        return signatures.Any(candidate => CryptographicOperations.FixedTimeEquals(candidate, expected))
            ? null
            : "The signature does not match the body; check Tapback's WebhookSecret against the webhook's signing secret.";
    }

    public static byte[] Compute(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp + ".");
        var payload = new byte[prefix.Length + body.Length];
        prefix.CopyTo(payload, 0);
        body.CopyTo(payload.AsSpan(prefix.Length));
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), payload);
    }
}
