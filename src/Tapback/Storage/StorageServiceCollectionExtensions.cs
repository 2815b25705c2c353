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
            })
            .Validate(
                options => string.Equals(options.Provider, "sqlite", StringComparison.OrdinalIgnoreCase),
                "Tapback:Storage:Provider must be 'sqlite' (PostgreSQL support is not in this build yet).")
            .Validate(options => !string.IsNullOrWhiteSpace(options.DataDirectory), "Tapback:DataDirectory must name a folder.")
            .ValidateOnStart();
        services.AddSingleton<Database>();
        services.AddSingleton<StoreMigrator>();
        services.AddHostedService<StoreMigrationService>();
        services.AddHealthChecks().AddCheck<StoreHealthCheck>("store");
        return services;
    }
}
