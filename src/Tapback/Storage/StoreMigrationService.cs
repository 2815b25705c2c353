namespace Tapback.Storage;

/// <summary>
/// Migrates the store before anything else starts: registered first, and hosted services start in
/// order, so no worker touches a table that is not there yet.
/// </summary>
internal sealed class StoreMigrationService(StoreMigrator migrator) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => migrator.MigrateAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
