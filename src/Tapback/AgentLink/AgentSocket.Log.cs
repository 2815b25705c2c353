namespace Tapback.AgentLink;

internal sealed partial class AgentSocket
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Agent of integration {IntegrationId} connected.")]
    private static partial void LogConnected(ILogger logger, string integrationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Agent of integration {IntegrationId} disconnected.")]
    private static partial void LogDisconnected(ILogger logger, string integrationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Closing the connection of integration {IntegrationId} with {Code}: {Reason}.")]
    private static partial void LogClosing(ILogger logger, string integrationId, int code, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Handling a {FrameType} frame of integration {IntegrationId} failed; the client was told.")]
    private static partial void LogFrameFailed(ILogger logger, string integrationId, string frameType, Exception exception);
}
