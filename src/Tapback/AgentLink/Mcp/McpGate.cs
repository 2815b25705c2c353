using Tapback.AgentLink.Webhooks;
using Tapback.Gateway.Integrations;

namespace Tapback.AgentLink.Mcp;

/// <summary>
/// In front of every <c>/mcp</c> request: the DNS rebinding check (403), then the integration's
/// credential (401 with <c>WWW-Authenticate: Bearer</c>). The MCP SDK's endpoints are plain request
/// delegates, which endpoint filters do not wrap, so this is middleware on the path.
/// </summary>
internal sealed class McpGate(McpHostGuard hosts, IntegrationBearer bearer, IntegrationStore integrations)
{
    public async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        if (hosts.Refusal(context.Request) is { } refusal)
        {
            await TypedResults.Problem(detail: refusal, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden.").ExecuteAsync(context);
            return;
        }

        var integrationId = await bearer.AuthenticateAsync(context.Request, context.RequestAborted);
        var integration = integrationId is null ? null : await integrations.FindAsync(integrationId, context.RequestAborted);
        if (integration is null)
        {
            await IntegrationBearer.Unauthorized(context).ExecuteAsync(context);
            return;
        }

        McpCaller.Set(context, integration);
        await next();
    }
}
