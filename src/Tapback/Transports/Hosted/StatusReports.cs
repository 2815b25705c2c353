using Tapback.Gateway.Inbox;

namespace Tapback.Transports.Hosted;

/// <summary>Hands a provider's delivery report (sent, delivered, read, failed) to the gateway's inbox.</summary>
internal sealed partial class StatusReports(Inbox inbox, ILogger<StatusReports> logger)
{
    public async Task ReportAsync(InboundStatus status, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(status);
        var recorded = await inbox.ReceiveStatusAsync(status, cancellationToken);
        LogStatus(logger, status.Transport, status.ProviderMessageId, status.Status, recorded);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Transport} reports message {ProviderMessageId} as {Status} (recorded: {Recorded}).")]
    private static partial void LogStatus(ILogger logger, string transport, string providerMessageId, Tapback.Messaging.DeliveryStatus status, bool recorded);
}
