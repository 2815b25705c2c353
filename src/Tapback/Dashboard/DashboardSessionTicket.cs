using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Tapback.Dashboard;

/// <summary>
/// The sign-in cookie's value: <c>v1.&lt;expires ms&gt;.&lt;HMAC&gt;</c>. The MAC covers the expiry and the
/// admin token's hash, so changing the admin token signs every dashboard out.
/// </summary>
internal static class DashboardSessionTicket
{
    private const string Version = "v1";

    public static string Issue(byte[] key, string adminTokenHash, DateTimeOffset expires)
    {
        var expiresMs = expires.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        return $"{Version}.{expiresMs}.{Mac(key, expiresMs, adminTokenHash)}";
    }

    public static bool IsValid(string? value, byte[] key, string adminTokenHash, DateTimeOffset now)
    {
        var parts = value?.Split('.');
        if (parts is not [Version, var expiresMs, var mac]
            || !long.TryParse(expiresMs, NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
            || expires <= now.ToUnixTimeMilliseconds())
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(mac), Encoding.ASCII.GetBytes(Mac(key, expiresMs, adminTokenHash)));
    }

    private static string Mac(byte[] key, string expiresMs, string adminTokenHash) =>
        Base64Url.EncodeToString(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{Version}.{expiresMs}.{adminTokenHash}")));
}
