using Microsoft.Extensions.Options;

namespace Tapback.Storage;

/// <summary>
/// Checks the store's settings at start; they sit under three keys (<c>Tapback:DataDirectory</c>,
/// <c>Tapback:Storage</c>, <c>ConnectionStrings:Tapback</c>), and each failure names its own.
/// </summary>
internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!options.IsPostgres && !string.Equals(options.Provider, StorageProviders.Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            failures.Add("Tapback:Storage:Provider must be 'sqlite' (the default) or 'postgres'.");
        }

        if (options.IsPostgres && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add("Tapback:Storage:Provider is 'postgres': set ConnectionStrings:Tapback (e.g. \"Host=db;Database=tapback;Username=tapback;Password=…\").");
        }

        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            failures.Add("Tapback:DataDirectory must name a folder.");
        }

        if (options.BusyTimeout <= TimeSpan.Zero || options.BusyTimeout > TimeSpan.FromHours(1))
        {
            failures.Add("Tapback:Storage:BusyTimeout must be more than zero and at most an hour (e.g. 00:00:30).");
        }

        if (options.WalSizeLimitBytes < 64 * 1024 || options.WalSizeLimitBytes > 16L * 1024 * 1024 * 1024)
        {
            failures.Add("Tapback:Storage:WalSizeLimitBytes must be between 65536 (64 KiB) and 17179869184 (16 GiB), e.g. 67108864.");
        }

        if (options.CheckpointInterval < TimeSpan.FromMilliseconds(10) || options.CheckpointInterval > TimeSpan.FromMinutes(10))
        {
            failures.Add("Tapback:Storage:CheckpointInterval must be between 10 milliseconds and 10 minutes (e.g. 00:00:01).");
        }

        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }
}
