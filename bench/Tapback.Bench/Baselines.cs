using Microsoft.Data.Sqlite;

namespace Tapback.Bench;

/// <summary>The two floors Tapback's ingest is compared with: an empty Kestrel POST and a bare SQLite insert.</summary>
internal static class Baselines
{
    public static async Task<WebApplication> StartEmptyEndpointAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/", async (HttpRequest request) =>
        {
            // Read the body as Tapback must, then answer 202 like the simulator.
            using var reader = new StreamReader(request.Body);
            await reader.ReadToEndAsync();
            return Results.Accepted();
        });
        await app.StartAsync();
        return app;
    }

    /// <summary>One INSERT … ON CONFLICT DO NOTHING per call, WAL and synchronous=NORMAL as Tapback runs SQLite.</summary>
    public static async Task<Func<long, Task>> SqliteInsertAsync(string path)
    {
        await using (var setup = new SqliteConnection($"Data Source={path}"))
        {
            await setup.OpenAsync();
            await using var command = setup.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=WAL; CREATE TABLE IF NOT EXISTS inbox (event_id TEXT PRIMARY KEY, body TEXT NOT NULL, received_at INTEGER NOT NULL);";
            await command.ExecuteNonQueryAsync();
        }

        var gate = new SemaphoreSlim(1, 1);
        return async n =>
        {
            // SQLite has one writer; the gate is what any single-file store pays at concurrency.
            await gate.WaitAsync();
            try
            {
                await using var connection = new SqliteConnection($"Data Source={path}");
                await connection.OpenAsync();
                await using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA synchronous=NORMAL; INSERT INTO inbox (event_id, body, received_at) VALUES ($id, $body, $at) ON CONFLICT (event_id) DO NOTHING;";
                command.Parameters.AddWithValue("$id", $"evt-{n}");
                command.Parameters.AddWithValue("$body", "hello from the benchmark");
                command.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
                await command.ExecuteNonQueryAsync();
            }
            finally
            {
                gate.Release();
            }
        };
    }
}
