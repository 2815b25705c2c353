using Tapback.Gateway.Integrations;

namespace Tapback.AgentLink.Rest;

/// <summary>The integration a REST request authenticated as, put on the request by <see cref="RestAuthFilter"/>.</summary>
internal static class RestCaller
{
    private static readonly object Key = new();

    public static void Set(HttpContext context, Integration integration) => context.Items[Key] = integration;

    public static Integration Of(HttpContext context) =>
        context.Items[Key] as Integration ?? throw new InvalidOperationException("The REST endpoint ran without RestAuthFilter.");
}
