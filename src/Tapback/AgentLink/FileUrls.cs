using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Tapback.Gateway.Http;
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

    /// <summary>
    /// Null when the signature is this gateway's for <paramref name="path"/> and has not expired; else the
    /// answer: 400 for an <c>expires</c> that is not a time (a URL no one signed), 403 for the rest.
    /// </summary>
    public async Task<IResult?> RefusalAsync(string path, string? expires, string? signature, CancellationToken cancellationToken = default)
    {
        if (expires is null || signature is null)
        {
            return Forbidden();
        }

        if (!long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > MaxUnixSeconds)
        {
            return Problems.BadRequest($"'expires' must be a Unix time in seconds from 0 to {MaxUnixSeconds} (the year 9999); use the URL as it was handed out.");
        }

        if (DateTimeOffset.FromUnixTimeSeconds(seconds) < time.GetUtcNow())
        {
            return Forbidden();
        }

        var expected = Sign(await KeyAsync(cancellationToken), path, expires);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature)) ? null : Forbidden();
    }

    private static readonly long MaxUnixSeconds = DateTimeOffset.MaxValue.ToUnixTimeSeconds();

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Forbidden() => TypedResults.Problem(
        detail: "The URL's signature is wrong or has expired; ask for a new one.",
        statusCode: StatusCodes.Status403Forbidden,
        title: "Forbidden.");

    private static string Sign(byte[] key, string path, string expires) =>
        Base64Url.EncodeToString(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{path}\n{expires}")));

    private async ValueTask<byte[]> KeyAsync(CancellationToken cancellationToken) => _key ??= await keys.DeriveAsync(Purpose, cancellationToken);
}
