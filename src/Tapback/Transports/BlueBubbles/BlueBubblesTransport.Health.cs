using Tapback.Messaging;

namespace Tapback.Transports.BlueBubbles;

internal sealed partial class BlueBubblesTransport
{
    /// <summary>
    /// The server answers its ping, and its <c>/server/info</c> does not say the Private API's helper
    /// is gone. The helper is a bundle the server loads into Messages.app (<c>helper_connected</c> is
    /// "at least one helper client is connected", PrivateApiService.helper), so with the Private API
    /// on and no helper, Messages.app is not running or has hung. Without the Private API the server
    /// reports nothing about Messages.app, and only stuck sends and the canary can tell.
    /// </summary>
    public async Task<string?> ProbeAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await client.PingAsync(cancellationToken);
            var info = await client.GetServerInfoAsync(cancellationToken);
            return info is { PrivateApi: true, HelperConnected: false }
                ? "The BlueBubbles server says its Private API helper is not connected: Messages.app is not running or has stopped responding on the Mac."
                : null;
        }
        catch (TransportException exception)
        {
            return $"The BlueBubbles server does not answer: {exception.Message}";
        }
    }
}
