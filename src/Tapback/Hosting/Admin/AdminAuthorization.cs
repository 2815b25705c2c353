using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Tapback.Dashboard;
using Tapback.Gateway.Integrations.Credentials;

namespace Tapback.Hosting.Admin;

/// <summary>
/// The admin credential as an authentication scheme and an authorization policy. Features put their
/// admin endpoints behind it with <see cref="RequireTapbackAdmin{TBuilder}"/>, or map them on the group
/// <c>/api/admin</c> that Hosting already protects.
/// </summary>
internal static class AdminAuthorization
{
    public const string Scheme = "TapbackAdmin";
    public const string Policy = "TapbackAdmin";

    public static IServiceCollection AddTapbackAdmin(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AdminOptions>().Bind(configuration.GetSection(AdminOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AdminOptions>, AdminOptionsValidator>();
        services.AddSingleton<AdminCredential>();
        services.AddSingleton<AdminTokenGuard>();
        // Named on the integration surfaces' 401 when it is presented there (by its prefix, never compared).
        services.AddSingleton(new ForeignCredential(
            AdminCredentialInitializer.TokenPrefix,
            $"This is the admin token ({AdminCredentialInitializer.TokenPrefix}…): it opens /api/admin and the dashboard, not an integration's /v2, /mcp or WebSocket."));
        services.AddHostedService<AdminCredentialInitializer>();
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, AdminAuthenticationHandler>(Scheme, configureOptions: null);
        // The dashboard's sign-in cookie is the same credential in a browser; its handler (Dashboard/)
        // refuses it on cross-origin state-changing requests. Bearer is challenged first, so a caller
        // without either still gets the Bearer 401 problem.
        services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy.AddAuthenticationSchemes(Scheme, DashboardCookie.Scheme).RequireAuthenticatedUser());
        return services;
    }

    /// <summary>Lets only callers with the admin token reach these endpoints; others get 401 problem+json.</summary>
    public static TBuilder RequireTapbackAdmin<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(Policy);
}
