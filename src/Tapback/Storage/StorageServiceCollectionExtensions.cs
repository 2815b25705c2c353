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
            })
            .Validate(
                options => options.IsPostgres || string.Equals(options.Provider, StorageProviders.Sqlite, StringComparison.OrdinalIgnoreCase),
                "Tapback:Storage:Provider must be 'sqlite' (the default) or 'postgres'.")
            .Validate(
                options => !options.IsPostgres || !string.IsNullOrWhiteSpace(options.ConnectionString),
                "Tapback:Storage:Provider is 'postgres': set ConnectionStrings:Tapback (e.g. \"Host=db;Database=tapback;Username=tapback;Password=…\").")
            .Validate(options => !string.IsNullOrWhiteSpace(options.DataDirectory), "Tapback:DataDirectory must name a folder.")
            .Validate(
                options => options.BusyTimeout > TimeSpan.Zero && options.BusyTimeout <= TimeSpan.FromHours(1),
                "Tapback:Storage:BusyTimeout must be more than zero and at most an hour (e.g. 00:00:30).")
            .ValidateOnStart();
        services.AddSingleton<Database>();
        services.AddSingleton<GroupCommit>();
        services.AddSingleton<StoreMigrator>();
        services.AddHostedService<StoreMigrationService>();
        services.AddHealthChecks()
            .AddCheck<StoreHealthCheck>("store")
            .AddCheck<DrainingHealthCheck>("draining", tags: [DrainingHealthCheck.ReadyTag]);
        return services;
    }
}
