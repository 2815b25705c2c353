namespace Tapback.Gateway.Integrations.Credentials;

internal static class IntegrationCredentialEndpointExtensions
{
    /// <summary>
    /// Lets only a caller with a live integration token or API key in (others get 401 problem+json);
    /// the endpoint then reads who it is with <see cref="IntegrationPrincipal.Of"/>. An authorization
    /// policy, not an endpoint filter, so it also guards endpoints that are plain request delegates (MCP).
    /// </summary>
    public static TBuilder RequireIntegrationCredential<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(IntegrationCredentials.Policy);

    /// <summary>Registers the resolver, API keys, the sessions a revocation closes, and the authentication scheme and policy behind <see cref="RequireIntegrationCredential{TBuilder}"/>.</summary>
    public static IServiceCollection AddIntegrationCredentials(this IServiceCollection services)
    {
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<IntegrationCredentials>();
        services.AddSingleton<CredentialRevocations>();
        services.AddSingleton<CredentialSessions>();
        services.AddHostedService(provider => provider.GetRequiredService<CredentialSessions>());
        services.AddSingleton<IIntegrationCleanup, ApiKeyCleanup>();
        services.AddAuthentication()
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, IntegrationAuthenticationHandler>(IntegrationCredentials.Scheme, configureOptions: null);
        services.AddAuthorizationBuilder()
            .AddPolicy(IntegrationCredentials.Policy, policy => policy.AddAuthenticationSchemes(IntegrationCredentials.Scheme).RequireAuthenticatedUser());
        return services;
    }
}
