using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Tapback.Gateway.Transports;
using Tapback.Messaging;
using Tapback.Messaging.Handles;

namespace Tapback.Gateway.Watchdog;

internal static class WatchdogServiceCollectionExtensions
{
    /// <summary>
    /// The bridge watchdog: its settings for every configured transport instance (<c>Tapback:Watchdog</c>
    /// overridden by the instance's <c>Watchdog</c> section), checked at start; its store, loop, canary,
    /// and a <c>/healthz</c> entry per watched transport. Which transports are watched is decided by
    /// what they implement (<see cref="IBridgeHealthProbe"/>), never by their kind.
    /// </summary>
    public static IServiceCollection AddTapbackWatchdog(this IServiceCollection services, IConfiguration configuration)
    {
        var global = configuration.GetSection(WatchdogOptions.SectionName);
        services.AddSingleton<IValidateOptions<WatchdogOptions>>(WatchdogOptionsValidator.Global());
        services.AddOptions<WatchdogOptions>().Bind(global).ValidateOnStart();

        var names = configuration.GetSection("Tapback:Transports").GetChildren().Select(section => section.Key).ToList();
        foreach (var name in names.Count == 0 ? ["simulator"] : names)
        {
            // The region a phone number without a country code is read in: the transport's own setting.
            var region = configuration[$"Tapback:Transports:{name}:DefaultRegion"] is { Length: > 0 } configured ? configured : "US";
            services.AddSingleton<IValidateOptions<WatchdogOptions>>(WatchdogOptionsValidator.ForTransport(name, region, configuration.GetSection(WatchdogOptions.TransportSection(name))));
            services.AddOptions<WatchdogOptions>(name)
                .Bind(global)
                .Bind(configuration.GetSection(WatchdogOptions.TransportSection(name)))
                .PostConfigure(options =>
                {
                    // Compare like with like: conversations and the router hold normalised handles.
                    if (string.IsNullOrWhiteSpace(options.Canary.Handle))
                    {
                        options.Canary.Handle = null;
                    }
                    else if (HandleNormalizer.TryNormalize(options.Canary.Handle, out var handle, region))
                    {
                        options.Canary.Handle = handle;
                    }
                })
                .ValidateOnStart();
        }

        services.AddSingleton<TransportHealthStore>();
        services.AddSingleton<TransportHealthFeed>();
        services.AddSingleton<CanaryHandles>();
        services.AddSingleton<Canary>();
        services.AddSingleton<BridgeWatchdog>();
        services.AddHostedService(provider => provider.GetRequiredService<BridgeWatchdog>());
        services.AddHealthChecks();
        // The watchdog logs each transition once. The health check service would log a Warning for a
        // degraded entry at every probe of /healthz (a load balancer's every few seconds); its
        // Unhealthy lines are Errors and stay.
        services.Configure<LoggerFilterOptions>(filters => filters.AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService", LogLevel.Error));
        // The entries depend on the transports built, so they are added when the health checks' own
        // options are first read (the container is complete by then).
        services.AddSingleton<IConfigureOptions<HealthCheckServiceOptions>>(provider => new ConfigureOptions<HealthCheckServiceOptions>(health =>
        {
            foreach (var transport in provider.GetRequiredService<BridgeWatchdog>().Watched())
            {
                health.Registrations.Add(new HealthCheckRegistration(
                    TransportHealthCheck.NameOf(transport.Name),
                    services => new TransportHealthCheck(transport.Name, services.GetRequiredService<TransportHealthStore>()),
                    failureStatus: HealthStatus.Degraded,
                    tags: null));
            }
        }));
        return services;
    }
}
