using Tapback.Storage.GroupCommits;

namespace Tapback.Storage;

internal static class StorageServiceCollectionExtensions
{
    public static IServiceCollection AddTapbackStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>()
            .Configure(options =>
            {
                options.DataDirectory = configuration["Tapback:DataDirectory"] ?? options.DataDirectory;
                options.Provider = configuration["Tapback:Storage:Provider"] ?? options.Provider;
                options.ConnectionString = configuration.GetConnectionString("Tapback") ?? options.ConnectionString;
                options.BusyTimeout = configuration.GetValue("Tapback:Storage:BusyTimeout", options.BusyTimeout);
                options.WalSizeLimitBytes = configuration.GetValue("Tapback:Storage:WalSizeLimitBytes", options.WalSizeLimitBytes);
                options.CheckpointInterval = configuration.GetValue("Tapback:Storage:CheckpointInterval", options.CheckpointInterval);
            })
            .ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        services.AddSingleton<Database>();
        services.AddSingleton<GroupCommit>();
        services.AddSingleton<StoreMigrator>();
        services.AddHostedService<StoreMigrationService>();
        services.AddHostedService<Wal.WalCheckpointer>();
        services.AddHealthChecks()
            .AddCheck<StoreHealthCheck>("store")
            .AddCheck<DrainingHealthCheck>("draining", tags: [DrainingHealthCheck.ReadyTag]);
        return services;
    }
}
