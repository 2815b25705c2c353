using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Tapback.Diagnostics.Logging;

internal static class LogSanitizingServiceCollectionExtensions
{
    /// <summary>
    /// Replaces the registered <see cref="ILoggerFactory"/> with a <see cref="SanitizingLoggerFactory"/>
    /// around the standard one. Call it last, after every logging registration.
    /// </summary>
    public static IServiceCollection AddLogSanitizing(this IServiceCollection services)
    {
        services.RemoveAll<ILoggerFactory>();
        services.AddSingleton<ILoggerFactory>(provider => new SanitizingLoggerFactory(new LoggerFactory(
            provider.GetServices<ILoggerProvider>(),
            provider.GetRequiredService<IOptionsMonitor<LoggerFilterOptions>>(),
            provider.GetService<IOptions<LoggerFactoryOptions>>(),
            provider.GetService<IExternalScopeProvider>())));
        return services;
    }
}
