using DbUp;
using DbUp.Builder;
using DbUp.Engine.Output;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Tapback.Storage;

/// <summary>Brings the schema up to date at start, from the SQL scripts embedded under Migrations/.</summary>
internal sealed partial class StoreMigrator(Database database, ILogger<StoreMigrator> logger)
{
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        if (database.IsPostgres)
        {
            await MigratePostgresAsync(cancellationToken);
            return;
        }

        await using (var connection = new SqliteConnection(database.ConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var wal = connection.CreateCommand();
            // journal_mode is stored in the file, so setting it once here covers every connection.
            wal.CommandText = "PRAGMA journal_mode = WAL;";
            await wal.ExecuteNonQueryAsync(cancellationToken);
        }

        Run(DeployChanges.To.SqliteDatabase(database.ConnectionString), ".Migrations.Sqlite.");
    }

    // Several nodes may start at once: the first takes a session-level advisory lock and migrates,
    // the others wait on the lock and then find every script already in the journal.
    private async Task MigratePostgresAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection))
        {
            take.Parameters.AddWithValue("key", AdvisoryLocks.Migrations);
            await take.ExecuteNonQueryAsync(cancellationToken);
        }

        try
        {
            Run(DeployChanges.To.PostgresqlDatabase(database.ConnectionString), ".Migrations.Postgres.");
        }
        finally
        {
            await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
            release.Parameters.AddWithValue("key", AdvisoryLocks.Migrations);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    private void Run(UpgradeEngineBuilder builder, string folder)
    {
        var upgrader = builder
            .WithScriptsEmbeddedInAssembly(typeof(StoreMigrator).Assembly, name => name.Contains(folder, StringComparison.Ordinal))
            .LogTo(new UpgradeLog(logger))
            .Build();
        var result = upgrader.PerformUpgrade();
        if (!result.Successful)
        {
            throw new InvalidOperationException($"The store's schema could not be brought up to date ({result.ErrorScript?.Name}).", result.Error);
        }
    }

    private sealed partial class UpgradeLog(ILogger logger) : IUpgradeLog
    {
        public void LogTrace(string format, params object[] args) { }

        public void LogDebug(string format, params object[] args) { }

        public void LogInformation(string format, params object[] args)
        {
            if (!logger.IsEnabled(LogLevel.Debug))
            {
                return;
            }

            var text = Format(format, args);
            LogMigration(logger, text);
        }

        public void LogWarning(string format, params object[] args) => Warn(format, args);

        public void LogError(string format, params object[] args) => Warn(format, args);

        public void LogError(Exception ex, string format, params object[] args) => Warn(format, args);

        private void Warn(string format, object[] args)
        {
            if (!logger.IsEnabled(LogLevel.Warning))
            {
                return;
            }

            var text = Format(format, args);
            LogMigrationWarning(logger, text);
        }

        private static string Format(string format, object[] args) =>
            string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args);

        [LoggerMessage(Level = LogLevel.Debug, Message = "Migration: {Text}")]
        private static partial void LogMigration(ILogger logger, string text);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Migration problem: {Text}")]
        private static partial void LogMigrationWarning(ILogger logger, string text);
    }
}
