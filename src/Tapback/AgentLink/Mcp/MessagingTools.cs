using Tapback.Gateway.Actions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using ModelContextProtocol;
using ModelContextProtocol.Server;
using Tapback.AgentLink.Rest;
using Tapback.Gateway.Conversations;
using Tapback.Gateway.Integrations;
using Tapback.Gateway.Integrations.Credentials;
using Tapback.Gateway.Outbox;

namespace Tapback.AgentLink.Mcp;

/// <summary>
/// iMessage as MCP tools, for the integration whose credential the request carries. Each tool goes
/// through the REST layer's services (<see cref="RestChats"/> for which chats are the caller's,
/// <see cref="RestReader"/>, <see cref="RestPacing"/>) and writes keyed outbox rows under <c>mcp:</c>.
/// A mistake is an <see cref="McpException"/>, which the SDK returns as a tool error (isError) with
/// its sentence, so the model can fix the call.
/// </summary>
[McpServerToolType]
internal sealed partial class MessagingTools(
    IHttpContextAccessor http,
    RestChats chats,
    RestReader rest,
    RestPacing pacing,
    OutboxWriter outbox,
    McpReader reader,
    RestAttachments attachments,
    IOptions<RestOptions> options,
    ILoggerFactory loggers)
{
    private const int MaxLimit = 200;

    private readonly ILogger _logger = loggers.CreateLogger(McpLog.Category);

    private Integration Caller => IntegrationPrincipal.Of(http.HttpContext ?? throw new InvalidOperationException("An MCP tool ran outside an HTTP request.")).Integration;

    private async Task<Conversation> ResolveAsync(string tool, string? to, string? conversationId, CancellationToken cancellationToken)
    {
        var lookup = await chats.ResolveAsync(Caller, to, conversationId, cancellationToken);
        return lookup.Conversation ?? throw Refuse(tool, lookup.Problem);
    }

    private async Task<(Conversation Conversation, StoredMessage Message)> FindMessageAsync(string tool, string? messageId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(messageId))
        {
            throw Refuse(tool, "'message_id' is required: the id of a message (msg_…) from read_messages or list_conversations.");
        }

        var lookup = await chats.FindMessageAsync(Caller, messageId, cancellationToken);
        return lookup is { Conversation: { } conversation, Message: { } message } ? (conversation, message) : throw Refuse(tool, lookup.Problem);
    }

    private McpException Refuse(string tool, IResult? problem) => Refuse(tool, Detail(problem));

    /// <summary>The sentence of a REST service's problem answer, which says what to change.</summary>
    private static string Detail(IResult? problem) => (problem as ProblemHttpResult)?.ProblemDetails.Detail ?? "The call was refused.";

    private McpException Refuse(string tool, string reason)
    {
        McpLog.Refused(_logger, tool, Caller.Id);
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
