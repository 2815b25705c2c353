using Microsoft.Extensions.Options;
using ModelContextProtocol;
using ModelContextProtocol.Server;
using Tapback.AgentLink.Rest;
using Tapback.Gateway.Actions;
using Tapback.Gateway.Conversations;
using Tapback.Gateway.Integrations.Credentials;

namespace Tapback.AgentLink.Mcp;

/// <summary>
/// iMessage as MCP tools, for the integration whose credential the request carries. The write tools
/// are <see cref="AgentActions"/>' operations and the reads go through <see cref="ChatAccess"/> and
/// <see cref="RestReader"/>, as over REST; outbox keys start with <c>mcp:</c>. A refusal is an
/// <see cref="McpException"/>, which the SDK returns as a tool error (isError) with its sentence, so
/// the model can fix the call.
/// </summary>
[McpServerToolType]
internal sealed partial class MessagingTools(
    IHttpContextAccessor http,
    AgentActions actions,
    ChatAccess chats,
    RestReader rest,
    McpReader reader,
    RestAttachments attachments,
    IOptions<RestOptions> options,
    ILoggerFactory loggers)
{
    private const int MaxLimit = 200;

    private readonly ILogger _logger = loggers.CreateLogger(McpLog.Category);

    private ActionCaller Caller => ActionCaller.Of(
        IntegrationPrincipal.Of(http.HttpContext ?? throw new InvalidOperationException("An MCP tool ran outside an HTTP request.")).Integration,
        ActionCaller.Surfaces.Mcp);

    private async Task<Conversation> ResolveAsync(string tool, string? to, string? conversationId, CancellationToken cancellationToken)
    {
        var lookup = await chats.ResolveAsync(Caller, ChatRef.Of(to, conversationId), cancellationToken);
        return lookup.Conversation ?? throw Refuse(tool, lookup.Refusal!.Reason);
    }

    /// <summary>An accepted action as the tool's result; a refusal as a tool error with its sentence.</summary>
    private McpActionResult Result(string tool, ActionResult result) => result switch
    {
        ActionResult.Accepted accepted => new McpActionResult
        {
            ConversationId = accepted.ConversationId,
            MessageId = accepted.MessageIds.Count > 0 ? accepted.MessageIds[0] : null,
            Status = accepted.As.ToWire(),
        },
        ActionResult.Refused refused => throw Refuse(tool, refused.Reason),
        _ => throw new ArgumentOutOfRangeException(nameof(result), result, null),
    };

    private McpException Refuse(string tool, string reason)
    {
        McpLog.Refused(_logger, tool, Caller.Scope);
        return new McpException(reason);
    }

    private void CheckLimit(string tool, int limit)
    {
        if (limit is < 1 or > MaxLimit)
        {
            throw Refuse(tool, $"'limit' is {limit}; ask for 1 to {MaxLimit}.");
        }
    }
}
