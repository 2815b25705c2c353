using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Tapback.Gateway.Pairing;

/// <summary>
/// Random secrets and their hashes. Tokens carry 256 random bits, so a plain SHA-256 is a safe thing
/// to store; short codes get a per-code salt and HMAC. Every comparison runs in constant time.
/// </summary>
internal static class Secrets
{
    public static string NewToken(string prefix) => prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static bool Matches(string presented, string storedHash) => HexEquals(Hash(presented), storedHash);

    /// <summary>A 6-digit code, every value equally likely.</summary>
    public static string NewCode() => RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);

    public static string NewSalt() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static string HashCode(string code, string salt) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Convert.FromHexString(salt), Encoding.UTF8.GetBytes(code)));

    public static bool HexEquals(string left, string right)
    {
        if (left.Length != right.Length)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(left), Encoding.ASCII.GetBytes(right));
    }
}
