using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Tapback.Agent.Tools.Mcp;
using Tapback.Gateway.Outbox;

namespace Tapback.Agent.Tools;

/// <summary>
/// Puts together what a turn's model may call: the built-in tools and the MCP servers' tools, each
/// guarded by <see cref="ApprovalRequiredAIFunction"/> where configuration (or an MCP server's
/// destructive annotation) says so; and the function-invoking client that runs them.
/// </summary>
internal sealed partial class AgentToolbox(
    BuiltInTools builtIn,
    McpToolSource mcp,
    OutboxWriter outbox,
    IOptions<AgentToolsOptions> options,
    ILoggerFactory loggerFactory,
    IServiceProvider services,
    ILogger<AgentToolbox> logger)
{
    public async Task<IList<AITool>> ToolsAsync(ToolTurn turn, CancellationToken cancellationToken = default)
    {
        var requireApproval = new HashSet<string>(options.Value.RequireApproval, StringComparer.Ordinal);
        var tools = new List<AITool>();
        foreach (var tool in builtIn.For(turn))
        {
            tools.Add(tool is AIFunction function && requireApproval.Contains(tool.Name) ? new ApprovalRequiredAIFunction(function) : tool);
        }

        var names = new HashSet<string>(tools.Select(tool => tool.Name), StringComparer.Ordinal);
        foreach (var (server, found) in await mcp.GetToolsAsync(cancellationToken))
        {
            var tool = found;
            if (!names.Add(tool.Name))
            {
                // Two servers (or a server and a built-in) share a name: the later one is told apart by its server.
                tool = tool.WithName($"{server}_{tool.Name}");
                if (!names.Add(tool.Name))
                {
                    LogDuplicateTool(logger, tool.Name, server);
                    continue;
                }
            }

            var mode = options.Value.McpServers[server].RequireApproval;
            var guarded = requireApproval.Contains(tool.Name) || requireApproval.Contains(found.Name) || mode switch
            {
                McpApprovalMode.Always => true,
                McpApprovalMode.Never => false,
                _ => found.ProtocolTool.Annotations?.DestructiveHint == true,
            };
            tools.Add(guarded ? new ApprovalRequiredAIFunction(tool) : tool);
        }

        return tools;
    }

    /// <summary>
    /// The model wrapped in Microsoft.Extensions.AI's function invocation for this turn. Not disposed
    /// by the caller: disposing it would dispose the shared model client inside.
    /// </summary>
    public FunctionInvokingChatClient Client(IChatClient model, ToolTurn turn) =>
        new(model, loggerFactory, services)
        {
            MaximumIterationsPerRequest = Math.Max(1, options.Value.MaxToolRounds),
            FunctionInvoker = (context, cancellationToken) => InvokeAsync(turn, context, cancellationToken),
        };

    private async ValueTask<object?> InvokeAsync(ToolTurn turn, FunctionInvocationContext context, CancellationToken cancellationToken)
    {
        LogToolCall(logger, context.Function.Name, turn.Conversation.Id);
        if (turn.ShowToolCalls)
        {
            // The bubble goes out before the tool runs; a delivered bubble hides the typing dots, so show them again.
            var actions = new List<AgentAction> { AgentAction.Message(turn.NextKey("tool"), ToolCallSummary.Bubble(context.Function.Name, context.Arguments)) };
            if (turn.Typing)
            {
                actions.Add(AgentAction.Typing(turn.NextKey("tool-typing"), on: true));
            }

            await outbox.WriteAsync(turn.Conversation, actions, cancellationToken: cancellationToken);
        }

        return await context.Function.InvokeAsync(context.Arguments, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The model calls {Tool} in {ConversationId}.")]
    private static partial void LogToolCall(ILogger logger, string tool, string conversationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Two tools are named {Tool} (the second from MCP server {Server}); the second is left out.")]
    private static partial void LogDuplicateTool(ILogger logger, string tool, string server);
}
