using Tapback.Messaging;

namespace Tapback.Transports.BlueBubbles;

/// <summary>
/// Whether this server's Private API is there, as <c>/server/info</c> last said (or as configured).
/// Typing, read receipts and tapbacks out need it; plain sends fall back to AppleScript.
/// </summary>
internal sealed partial class BlueBubblesFeatures(BlueBubblesOptions options, BlueBubblesClient client, ILogger<BlueBubblesFeatures> logger)
{
    private const int Unknown = -1;
    private int _privateApi = Unknown;

    /// <summary>What is known now, without asking; false until the server has answered once.</summary>
    public bool PrivateApi => options.PrivateApi switch
    {
        BlueBubblesPrivateApiMode.On => true,
        BlueBubblesPrivateApiMode.Off => false,
        _ => Volatile.Read(ref _privateApi) == 1,
    };

    /// <summary>Asks the server the first time; a server that cannot answer counts as without it, for now.</summary>
    public async Task<bool> UsePrivateApiAsync(CancellationToken cancellationToken = default)
    {
        if (options.PrivateApi == BlueBubblesPrivateApiMode.Auto && Volatile.Read(ref _privateApi) == Unknown)
        {
            await TryRefreshAsync(cancellationToken);
        }

        return PrivateApi;
    }

    public async Task<bool> TryRefreshAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var info = await client.GetServerInfoAsync(cancellationToken);
            Volatile.Write(ref _privateApi, info.PrivateApi ? 1 : 0);
            LogServerInfo(logger, client.Name, info.ServerVersion ?? "unknown", info.OsVersion ?? "unknown", info.PrivateApi);
            return true;
        }
        catch (TransportException exception)
        {
            LogServerInfoFailed(logger, client.Name, exception.Message);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "BlueBubbles {Transport}: server {ServerVersion} on macOS {OsVersion}, Private API {PrivateApi}.")]
    private static partial void LogServerInfo(ILogger logger, string transport, string serverVersion, string osVersion, bool privateApi);

    [LoggerMessage(Level = LogLevel.Warning, Message = "BlueBubbles {Transport}: the server info could not be read: {Error}")]
    private static partial void LogServerInfoFailed(ILogger logger, string transport, string error);
}
