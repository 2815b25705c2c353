namespace Tapback.Gateway.Integrations.Credentials;

/// <summary>Refuses a call without a live integration credential (401); otherwise puts its <see cref="IntegrationPrincipal"/> on the request.</summary>
internal sealed class IntegrationCredentialFilter(IntegrationCredentials credentials) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        await credentials.AuthenticateAsync(context.HttpContext) is null
            ? IntegrationCredentials.Unauthorized(context.HttpContext)
            : await next(context);
}
