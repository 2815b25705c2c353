using Microsoft.AspNetCore.Authentication;
using Tapback.Configuration;

namespace Tapback.Dashboard;

/// <summary>Registers the dashboard: its sign-in cookie scheme, read models and live feed.</summary>
internal static class DashboardServiceCollectionExtensions
{
    public static IServiceCollection AddTapbackDashboard(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<DashboardOptions, DashboardOptionsValidator>(configuration.GetSection(DashboardOptions.SectionName));
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, DashboardCookieHandler>(DashboardCookie.Scheme, configureOptions: null);
        services.AddSingleton<DashboardSessionKey>();
        services.AddSingleton<SameOrigin>();
        services.AddSingleton<DashboardIntegrations>();
        services.AddSingleton<ConversationDirectory>();
        services.AddSingleton<ConversationHistoryReader>();
        services.AddSingleton<WebhookOverviewReader>();
        services.AddSingleton<SystemReader>();
        services.AddSingleton<DashboardFeed>();
        return services;
    }

    public static WebApplication MapTapbackDashboard(this WebApplication app)
    {
        app.MapDashboardPages(app.Environment);
        app.MapDashboardApi();
        return app;
    }
}
