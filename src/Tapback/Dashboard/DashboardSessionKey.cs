using System.Security.Cryptography;
using Tapback.Gateway.Pairing;

namespace Tapback.Dashboard;

/// <summary>
/// The key that signs sign-in cookies. It lives in the store (<c>gateway_secrets</c>), not in a
/// per-node key ring, so every node behind a load balancer accepts the same cookie.
/// </summary>
internal sealed class DashboardSessionKey(GatewaySecretStore secrets)
{
    public const string SecretName = "dashboard_cookie_key";

    private volatile byte[]? _key;

    public async ValueTask<byte[]> GetAsync(CancellationToken cancellationToken = default)
    {
        // Racing first calls are harmless: the store keeps the first value written and returns it to all.
        if (_key is null)
        {
            var (hex, _) = await secrets.GetOrCreateAsync(SecretName, () => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)), cancellationToken);
            _key = Convert.FromHexString(hex);
        }

        return _key;
    }
}
