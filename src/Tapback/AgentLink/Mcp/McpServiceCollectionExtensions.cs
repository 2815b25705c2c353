using Tapback.Configuration;
using ModelContextProtocol.Protocol;
using Tapback.AgentLink.Rest;
using Tapback.Gateway.Integrations.Credentials;
using Tapback.Hosting;

namespace Tapback.AgentLink.Mcp;

/// <summary>
/// The MCP server: Streamable HTTP at <c>/mcp</c>, stateless, for callers with an integration's token
/// or API key, behind the DNS rebinding check of <see cref="McpHostGuard"/>.
/// </summary>
internal static class McpServiceCollectionExtensions
{
    public const string Path = "/mcp";

    private const string Instructions =
        "Tapback puts you on iMessage for one paired phone number. list_conversations shows its chats with unread counts; " +
        "read_messages reads one; send_message writes (to the paired phone, or a conversation_id for groups); mark_read, set_typing and react " +
        "make it feel like a person is there. Messages are plain text: no markdown reaches the phone.";

    public static IServiceCollection AddTapbackMcp(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<McpOptions, McpOptionsValidator>(configuration.GetSection(McpOptions.SectionName));
        services.AddHttpContextAccessor();
        services.AddSingleton<McpHostGuard>();
        services.AddSingleton<McpReader>();
        services.AddMcpServer(server =>
            {
                server.ServerInfo = new Implementation { Name = "tapback", Title = "Tapback (iMessage)", Version = ProductVersion.Release };
                server.ServerInstructions = Instructions;
            })
            // Stateless: any node of several answers any request, and nothing is held between calls.
            .WithHttpTransport(http => http.Stateless = true)
            .WithTools<MessagingTools>(McpToolJson.Options)
            .WithRequestFilters(filters => filters.AddCallToolFilter(McpRequiredArguments.Filter));
        return services;
    }

    /// <summary>
    /// Maps <c>/mcp</c> behind the integration credential (401 with <c>WWW-Authenticate: Bearer</c>) and
    /// the REST API's per-credential rate limit (one budget per credential across <c>/v2</c> and
    /// <c>/mcp</c>), and the host check on that path. The SDK's endpoints are plain request delegates,
    /// which endpoint filters do not wrap, hence middleware for the checks.
    /// </summary>
    public static WebApplication MapTapbackMcp(this WebApplication app)
    {
        var guard = app.Services.GetRequiredService<McpHostGuard>();
        var sessions = app.Services.GetRequiredService<CredentialSessions>();
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments(Path, StringComparison.OrdinalIgnoreCase),
            branch => branch
                .Use((context, next) => guard.InvokeAsync(context, () => next(context)))
                .Use((context, next) => McpBodyGuard.InvokeAsync(context, () => next(context)))
                .Use(async (context, next) =>
                {
                    // A call in flight ends with its credential: revoking it aborts the call, as it closes a WebSocket.
                    using var opened = IntegrationPrincipal.Find(context) is { } principal ? sessions.Open(principal, _ => context.Abort()) : null;
                    await next(context);
                }));
        app.MapMcp(Path).RequireIntegrationCredential().RequireRateLimiting(RestEndpoints.RateLimitPolicy)
            .WithTags("MCP")
            .WithSummary("The MCP server (Streamable HTTP, stateless): one JSON-RPC message per POST, answered as JSON or an event stream; tools in docs/mcp.md.")
            .WithMetadata(
                new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(object), ["application/json", "text/event-stream"]),
                new ProducesResponseTypeMetadata(StatusCodes.Status202Accepted),
                Problem(StatusCodes.Status400BadRequest),
                Problem(StatusCodes.Status401Unauthorized),
                Problem(StatusCodes.Status403Forbidden),
                new ProducesResponseTypeMetadata(StatusCodes.Status406NotAcceptable, typeof(object), ["application/json"]),
                Problem(StatusCodes.Status413PayloadTooLarge),
                Problem(StatusCodes.Status415UnsupportedMediaType),
                Problem(StatusCodes.Status429TooManyRequests));
        return app;
    }

    private static ProducesResponseTypeMetadata Problem(int statusCode) =>
        new(statusCode, typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), ["application/problem+json"]);
}
