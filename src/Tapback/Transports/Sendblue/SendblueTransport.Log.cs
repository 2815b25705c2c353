namespace Tapback.Transports.Sendblue;

internal sealed partial class SendblueTransport
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "Sendblue transport {Transport} sent message {MessageId} as {Handle}.")]
    private static partial void LogSent(ILogger logger, string transport, string messageId, string handle);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sendblue transport {Transport} sent a message but could not read Sendblue's answer: {Error}")]
    private static partial void LogUnreadableAnswer(ILogger logger, string transport, string error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Sendblue transport {Transport} cannot remove a tapback; it stays.")]
    private static partial void LogCannotRemove(ILogger logger, string transport);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sendblue transport {Transport} reconciled a send of unknown outcome: {Outcome}.")]
    private static partial void LogReconciled(ILogger logger, string transport, Tapback.Messaging.SendReconciliationOutcome outcome);
}
