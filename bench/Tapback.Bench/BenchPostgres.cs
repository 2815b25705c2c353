using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Tapback.Bench;

/// <summary>
/// The PostgreSQL server for <c>--store postgres</c>: the one <c>--connection</c> names, or a throwaway
/// cluster started from the machine's binaries with PostgreSQL's default durability (fsync and
/// synchronous_commit on: what a deployment runs). Either way the bench works in a fresh database.
/// </summary>
internal sealed class BenchPostgres : IAsyncDisposable
{
    private const string DatabaseName = "tapback_bench";

    private readonly string? _folder;
    private readonly string? _bin;
    private readonly string? _runAs;

    private BenchPostgres(string serverConnection, string? folder, string? bin, string? runAs)
    {
        _folder = folder;
        _bin = bin;
        _runAs = runAs;
        ConnectionString = new NpgsqlConnectionStringBuilder(serverConnection) { Database = DatabaseName, MaxPoolSize = 100 }.ConnectionString;
        Description = folder is null ? "PostgreSQL at --connection" : $"throwaway PostgreSQL cluster ({Path.GetFileName(Path.GetDirectoryName(bin))})";
    }

    public string ConnectionString { get; }

    public string Description { get; }

    public static async Task<BenchPostgres> StartAsync(string? connection)
    {
        BenchPostgres server;
        string admin;
        if (connection is not null)
        {
            server = new BenchPostgres(connection, null, null, null);
            admin = connection;
        }
        else
        {
            var bin = Directory.GetDirectories("/usr/lib/postgresql").Select(version => Path.Combine(version, "bin"))
                .Where(candidate => File.Exists(Path.Combine(candidate, "initdb"))).Max()
                ?? throw new InvalidOperationException("No PostgreSQL binaries under /usr/lib/postgresql; install postgresql or pass --connection.");
            // initdb refuses root: run the cluster as the postgres user in a folder it owns.
            var runAs = Environment.UserName == "root" ? "postgres" : null;
            var folder = Directory.CreateTempSubdirectory("tapback-bench-pg-").FullName;
            if (runAs is not null)
            {
                await RunAsync("chown", null, $"{runAs}:", folder);
            }

            var port = FreePort();
            var data = Path.Combine(folder, "data");
            await RunAsync(Path.Combine(bin, "initdb"), runAs, "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-instructions");
            await RunAsync(Path.Combine(bin, "pg_ctl"), runAs, "-D", data, "-l", Path.Combine(folder, "log"), "-o",
                $"-c listen_addresses=127.0.0.1 -p {port} -c unix_socket_directories={folder} -c max_connections=300", "-w", "start");
            admin = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres";
            server = new BenchPostgres(admin, folder, bin, runAs);
        }

        await using var connectionToServer = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(admin) { Pooling = false }.ConnectionString);
        await connectionToServer.OpenAsync();
        foreach (var sql in new[] { $"DROP DATABASE IF EXISTS {DatabaseName} WITH (FORCE)", $"CREATE DATABASE {DatabaseName}" })
        {
            await using var command = new NpgsqlCommand(sql, connectionToServer);
            await command.ExecuteNonQueryAsync();
        }

        return server;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_folder is null)
        {
            return;
        }

        await RunAsync(Path.Combine(_bin!, "pg_ctl"), _runAs, "-D", Path.Combine(_folder, "data"), "-m", "immediate", "-w", "stop");
        Directory.Delete(_folder, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string program, string? runAs, params string[] arguments)
    {
        var start = new ProcessStartInfo(runAs is null ? program : "runuser") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (runAs is null ? [] : new[] { "-u", runAs, "--", program }).Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} failed ({process.ExitCode}): {await error}{await output}");
        }
    }
}
