using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Tapback.Storage;

namespace Tapback.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL cluster for the whole test run, started from the machine's binaries on a
/// free loopback port and removed when the test process exits. Each test host gets its own database
/// in it, so tests stay isolated and starting one costs a CREATE DATABASE, not a cluster.
/// </summary>
internal sealed class PostgresCluster
{
    private static readonly Lazy<Task<PostgresCluster>> Shared = new(StartAsync);

    private readonly string _folder;
    private readonly string _bin;
    private readonly string? _runAs;

    private const string Template = "tapback_template";
    private const string FolderPrefix = "tapback-pg-";

    private readonly Lazy<Task> _template;

    private PostgresCluster(string folder, string bin, string? runAs, int port)
    {
        _folder = folder;
        _bin = bin;
        _runAs = runAs;
        Port = port;
        _template = new(MigrateTemplateAsync);
    }

    public int Port { get; }

    public static Task<PostgresCluster> GetAsync() => Shared.Value;

    public string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = "postgres",
            Database = database,
            // Many hosts share the cluster: idle connections go back quickly.
            ConnectionIdleLifetime = 15,
            MaxPoolSize = 40,
        }.ConnectionString;

    /// <summary>
    /// Creates the database unless it exists (a host restarted on the same data keeps its store), as a
    /// copy of a template the product's own migrator brought up to date once for the whole run.
    /// </summary>
    public async Task CreateDatabaseAsync(string name)
    {
        await _template.Value;
        await using var connection = new NpgsqlConnection(ConnectionStringFor("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE {Template}", connection);
        try
        {
            await command.ExecuteNonQueryAsync();
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
        }
    }

    public async Task DropDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(ConnectionStringFor("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task MigrateTemplateAsync()
    {
        await using (var connection = new NpgsqlConnection(ConnectionStringFor("postgres")))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {Template}", connection);
            await create.ExecuteNonQueryAsync();
        }

        // Unpooled, so no connection stays open on the template: PostgreSQL copies only an unused one.
        var storage = new StorageOptions
        {
            Provider = StorageProviders.Postgres,
            ConnectionString = new NpgsqlConnectionStringBuilder(ConnectionStringFor(Template)) { Pooling = false }.ConnectionString,
        };
        await using var database = new Database(Options.Create(storage));
        await new StoreMigrator(database, NullLogger<StoreMigrator>.Instance).MigrateAsync();
    }

    private static async Task<PostgresCluster> StartAsync()
    {
        var bin = FindBinaries() ?? throw new InvalidOperationException(
            "TAPBACK_TEST_STORE=postgres, but no PostgreSQL binaries were found: install PostgreSQL (apt-get install postgresql) "
            + "or set TAPBACK_TEST_PG_BIN to the folder that holds initdb and pg_ctl.");
        // initdb refuses root: run the cluster as the unprivileged postgres user, in a folder it owns.
        var runAs = Environment.UserName == "root" ? "postgres" : null;
        await RemoveAbandonedAsync(bin, runAs);
        var folder = Directory.CreateTempSubdirectory(FolderPrefix).FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "owner.pid"), Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (runAs is not null)
        {
            await RunAsync("chown", null, $"{runAs}:", folder);
        }

        var port = LoopbackPorts.Closed().Port;
        var data = Path.Combine(folder, "data");
        await RunAsync(Path.Combine(bin, "initdb"), runAs, "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync", "--no-instructions");
        var cluster = new PostgresCluster(folder, bin, runAs, port);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Remove();
        // Durability settings off: the cluster lives as long as the test run.
        var options = $"-c listen_addresses=127.0.0.1 -p {port} -c unix_socket_directories={folder} -c max_connections=500 "
            + "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=64MB";
        await RunAsync(Path.Combine(bin, "pg_ctl"), runAs, "-D", data, "-l", Path.Combine(folder, "log"), "-o", options, "-w", "start");
        return cluster;
    }

    // A test process that was killed (a hang dump, a cancelled run) never ran its exit handler: stop
    // and delete the clusters of test processes that are gone.
    private static async Task RemoveAbandonedAsync(string bin, string? runAs)
    {
        foreach (var folder in Directory.GetDirectories(Path.GetTempPath(), FolderPrefix + "*"))
        {
            var owner = Path.Combine(folder, "owner.pid");
            if (!File.Exists(owner) || !int.TryParse(await File.ReadAllTextAsync(owner), out var pid) || Directory.Exists($"/proc/{pid}"))
            {
                continue;
            }

            try
            {
                await RunAsync(Path.Combine(bin, "pg_ctl"), runAs, "-D", Path.Combine(folder, "data"), "-m", "immediate", "-w", "stop");
            }
            catch (InvalidOperationException)
            {
            }

            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (DirectoryNotFoundException)
            {
                // Another test process on the machine found the same abandoned cluster and removed it first.
            }
        }
    }

    private void Remove()
    {
        // The server's log names every failed statement: keep it when asked (TAPBACK_TEST_PG_LOG=path).
        if (Environment.GetEnvironmentVariable("TAPBACK_TEST_PG_LOG") is { Length: > 0 } keepLogAt)
        {
            File.Copy(Path.Combine(_folder, "log"), keepLogAt, overwrite: true);
        }

        try
        {
            RunAsync(Path.Combine(_bin, "pg_ctl"), _runAs, "-D", Path.Combine(_folder, "data"), "-m", "immediate", "-w", "stop").GetAwaiter().GetResult();
        }
        catch (InvalidOperationException)
        {
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string? FindBinaries()
    {
        if (Environment.GetEnvironmentVariable("TAPBACK_TEST_PG_BIN") is { Length: > 0 } configured)
        {
            return configured;
        }

        var root = "/usr/lib/postgresql";
        return Directory.Exists(root)
            ? Directory.GetDirectories(root)
                .Select(version => Path.Combine(version, "bin"))
                .Where(candidate => File.Exists(Path.Combine(candidate, "initdb")))
                .OrderByDescending(candidate => int.TryParse(Path.GetFileName(Path.GetDirectoryName(candidate)), out var major) ? major : 0)
                .FirstOrDefault()
            : null;
    }

    private static async Task RunAsync(string program, string? runAs, params string[] arguments)
    {
        var start = new ProcessStartInfo(runAs is null ? program : "runuser")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (runAs is not null)
        {
            foreach (var part in new[] { "-u", runAs, "--", program })
            {
                start.ArgumentList.Add(part);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} failed ({process.ExitCode}): {await error}{await output}");
        }
    }
}
