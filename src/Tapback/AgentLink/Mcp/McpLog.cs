namespace Tapback.AgentLink.Mcp;

/// <summary>The MCP server's log lines: ids and counts, never message text or phone numbers.</summary>
internal static partial class McpLog
{
    public const string Category = "Tapback.AgentLink.Mcp";

    [LoggerMessage(Level = LogLevel.Information, Message = "MCP send_message for integration {IntegrationId} queued {Count} message(s) with {Attachments} attachment(s) in conversation {ConversationId}.")]
    public static partial void SendQueued(ILogger logger, string integrationId, int count, int attachments, string conversationId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "MCP tool {Tool} for integration {IntegrationId} answered with a tool error.")]
    public static partial void Refused(ILogger logger, string tool, string integrationId);
}
