using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Tapback.Gateway.Pairing;

namespace Tapback.AgentLink;

/// <summary>
/// Signed, expiring URLs for files: anyone holding one may GET (or PUT, for an upload) that one path
/// until it expires, with no other credential, like a pre-signed object-store URL. The key is derived
/// from the gateway's key file, so a copy of the store cannot sign one.
/// </summary>
internal sealed class FileUrls(GatewayKeyFile keys, IOptions<AgentLinkOptions> options, TimeProvider time)
{
    private const string Purpose = "tapback/file-url/v1";
    private byte[]? _key;

    public async Task<(string Url, DateTimeOffset ExpiresAt)> SignAsync(Uri baseAddress, string path, TimeSpan lifetime, CancellationToken cancellationToken = default)
    {
        var expiresAt = time.GetUtcNow() + lifetime;
        var expires = expiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = Sign(await KeyAsync(cancellationToken), path, expires);
        var root = (options.Value.PublicUrl ?? baseAddress).ToString().TrimEnd('/');
        return ($"{root}{path}?expires={expires}&sig={signature}", DateTimeOffset.FromUnixTimeSeconds(long.Parse(expires, CultureInfo.InvariantCulture)));
    }

    /// <summary>True when the signature is this gateway's for <paramref name="path"/> and has not expired.</summary>
    public async Task<bool> VerifyAsync(string path, string? expires, string? signature, CancellationToken cancellationToken = default)
    {
        if (expires is null || signature is null || !long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return false;
        }

        if (DateTimeOffset.FromUnixTimeSeconds(seconds) < time.GetUtcNow())
        {
            return false;
        }

        var expected = Sign(await KeyAsync(cancellationToken), path, expires);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature));
    }

    private static string Sign(byte[] key, string path, string expires) =>
        Base64Url.EncodeToString(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{path}\n{expires}")));

    private async ValueTask<byte[]> KeyAsync(CancellationToken cancellationToken) => _key ??= await keys.DeriveAsync(Purpose, cancellationToken);
}
