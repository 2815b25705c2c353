namespace Tapback.AgentLink.Client;

internal sealed partial class RemoteGatewayClient
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Connected to the remote gateway at {Gateway}.")]
    private static partial void LogConnected(ILogger logger, string gateway);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The remote gateway closed the connection ({Status} {Description}).")]
    private static partial void LogClosed(ILogger logger, int? status, string? description);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The connection to the remote gateway failed: {Reason}")]
    private static partial void LogDropped(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The remote gateway refused the token (401). Pair again: text /setup to the gateway and set Tapback:Agent:Gateway:Code, or set Tapback:Agent:Gateway:Token.")]
    private static partial void LogRefused(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconnecting to the remote gateway in {Delay} (attempt {Attempt}).")]
    private static partial void LogReconnecting(ILogger logger, TimeSpan delay, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "The remote gateway closed this connection with 4000: another connection replaced it (the phone was paired again, or the integration was deleted). This agent will not reconnect; pair again and restart it.")]
    private static partial void LogReplaced(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "An event from the remote gateway could not be handled; it is not acked and comes again after the reconnect.")]
    private static partial void LogHandlingFailed(ILogger logger, Exception exception);
}
