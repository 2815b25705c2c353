namespace Tapback.Transports.Blooio;

internal sealed partial class BlooioTransport
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "Blooio transport {Transport} sent message {MessageId} as {ProviderId}.")]
    private static partial void LogSent(ILogger logger, string transport, string messageId, string providerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Blooio transport {Transport} sent a message but could not read Blooio's answer: {Error}")]
    private static partial void LogUnreadableAnswer(ILogger logger, string transport, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Blooio transport {Transport} reconciled a send of unknown outcome: {Outcome}.")]
    private static partial void LogReconciled(ILogger logger, string transport, Tapback.Messaging.SendReconciliationOutcome outcome);
}
