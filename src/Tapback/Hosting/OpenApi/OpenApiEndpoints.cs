using Tapback.AgentLink.Rest;

namespace Tapback.Hosting.OpenApi;

/// <summary>
/// The whole HTTP API in one OpenAPI document at <c>/openapi/v1.json</c> (rendered for people by
/// <c>/api.html</c>): every feature's endpoints, with the summaries, bodies and status codes their
/// mappings declare. A route without a description is a test failure (tests/…/Hosting/OpenApiCoverageTests).
/// </summary>
internal static class OpenApiEndpoints
{
    public static IServiceCollection AddTapbackOpenApi(this IServiceCollection services)
    {
        services.AddOpenApi(openApi =>
        {
            openApi.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Tapback";
                document.Info.Description = "The Tapback gateway's HTTP API: the REST API and webhooks for agents under /v2 (docs/rest-api.md, docs/webhooks.md), "
                    + "pairing and the agent WebSocket (docs/protocol.md), MCP at /mcp (docs/mcp.md), the phone simulator (docs/simulator.md) "
                    + "and the admin API (docs/admin-api.md). Errors are application/problem+json with a detail that says what to change.";
                return Task.CompletedTask;
            });
            openApi.AddDocumentTransformer<DelegateEndpointOperations>();
            openApi.AddSchemaTransformer(SnakeCaseSchemas.TransformAsync);
        });
        return services;
    }

    public static IEndpointRouteBuilder MapTapbackOpenApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOpenApi();
        return endpoints;
    }
}
