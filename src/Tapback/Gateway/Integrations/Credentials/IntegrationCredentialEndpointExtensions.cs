namespace Tapback.Gateway.Integrations.Credentials;

internal static class IntegrationCredentialEndpointExtensions
{
    /// <summary>
    /// Lets only a caller with a live integration token or API key in; the endpoint then reads who it
    /// is with <see cref="IntegrationPrincipal.Of"/>.
    /// </summary>
    public static TBuilder RequireIntegrationCredential<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter<TBuilder, IntegrationCredentialFilter>();
}
