using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Tapback.Storage;

namespace Tapback.Gateway.Pairing;

/// <summary>
/// The gateway's signing key: 32 random bytes in <c>&lt;data directory&gt;/gateway.key</c> (owner-only),
/// made at first start. Everything that signs a credential (dashboard cookies, file URLs) derives its
/// own key from it, so a copy of the store alone (a backup, a dump of <c>gateway_secrets</c>) cannot
/// mint one. Nodes that share a data directory share the key, as they share the attachments.
/// </summary>
internal sealed class GatewayKeyFile(IOptions<StorageOptions> storage) : IHostedService
{
    public const string FileName = "gateway.key";

    private byte[]? _key;

    public string KeyPath { get; } = Path.Combine(Path.GetFullPath(storage.Value.DataDirectory), FileName);

    /// <summary>A 32-byte key for one use (<paramref name="purpose"/>), so no two signers share a key.</summary>
    public async ValueTask<byte[]> DeriveAsync(string purpose, CancellationToken cancellationToken = default)
    {
        // Racing first calls are harmless: both end up reading the one file that was kept.
        _key ??= await ReadOrCreateAsync(cancellationToken);
        return HKDF.DeriveKey(HashAlgorithmName.SHA256, _key, 32, salt: [], info: Encoding.UTF8.GetBytes(purpose));
    }

    /// <summary>Reads (or makes) the key at start, so a damaged file stops the start instead of failing sign-ins.</summary>
    public async Task StartAsync(CancellationToken cancellationToken) => _key ??= await ReadOrCreateAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task<byte[]> ReadOrCreateAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(KeyPath))
        {
            var temporary = $"{KeyPath}.{Guid.NewGuid():N}.tmp";
            await DataDirectory.WriteFileAsync(temporary, Encoding.ASCII.GetBytes(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32))), cancellationToken);
            try
            {
                // Never over an existing key: when two nodes start at once on one data directory, the
                // first key written wins and both read it below.
                File.Move(temporary, KeyPath, overwrite: false);
            }
            catch (IOException) when (File.Exists(KeyPath))
            {
                File.Delete(temporary);
            }
        }

        DataDirectory.Restrict(KeyPath);
        var text = (await File.ReadAllTextAsync(KeyPath, cancellationToken)).Trim();
        if (text.Length != 64 || !text.All(char.IsAsciiHexDigit))
        {
            throw new InvalidOperationException(
                $"{KeyPath} is not a Tapback key (64 hex digits). Restore it from a backup of the data directory, or delete it to make a new one (every dashboard sign-in and file URL then ends).");
        }

        return Convert.FromHexString(text);
    }
}
