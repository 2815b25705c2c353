using Tapback.Gateway.Pairing;

namespace Tapback.Dashboard;

/// <summary>
/// The key that signs sign-in cookies, derived from the gateway's key file (not kept in the store, so a
/// copy of the database cannot mint a cookie). Nodes that share the data directory accept each other's cookies.
/// </summary>
internal sealed class DashboardSessionKey(GatewayKeyFile keys)
{
    private const string Purpose = "tapback/dashboard-cookie/v1";

    private byte[]? _key;

    public async ValueTask<byte[]> GetAsync(CancellationToken cancellationToken = default) =>
        _key ??= await keys.DeriveAsync(Purpose, cancellationToken);
}
