using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Tapback.Storage;
using Tapback.Tests.Infrastructure;
using Tapback.Transports.MacMessages.AppleScript;

namespace Tapback.Tests.Transports.MacMessages;

/// <summary>
/// Tapback with one MacMessages instance named <c>mac</c> on a test chat.db, the fake osascript
/// playing Messages, and the built-in agent answering everyone. One person (<see cref="Phone"/>)
/// already has a one-to-one chat.
/// </summary>
internal sealed class MacMessagesHost : IAsyncDisposable
{
    public const string Phone = "+15551234567";
    public const string Name = "mac";

    private MacMessagesHost(ChatDbFixture chatDb, FakeAppleScriptRunner scripts, FakeTimeProvider time, long handle, (long RowId, string Guid) chat)
    {
        ChatDb = chatDb;
        Scripts = scripts;
        _time = time;
        Handle = handle;
        Chat = chat;
    }

    // The host's clock, known before the host starts: Messages may be asked to send during the start
    // (the watchdog's first canary), and it stamps its rows with this clock.
    private readonly FakeTimeProvider _time;

    public ChatDbFixture ChatDb { get; }

    public FakeAppleScriptRunner Scripts { get; }

    public TapbackTestHost Host { get; private set; } = null!;

    public long Handle { get; }

    public (long RowId, string Guid) Chat { get; }

    public DateTimeOffset Now => _time.GetUtcNow();

    /// <param name="history">Rows written before Tapback first starts (given chat.db, the handle's and the chat's ROWIDs).</param>
    public static async Task<MacMessagesHost> StartAsync(IDictionary<string, string?>? extra = null, Action<ChatDbFixture, long, long>? history = null)
    {
        var chatDb = new ChatDbFixture();
        var handle = chatDb.AddHandle(Phone);
        var chat = chatDb.AddDirectChat(Phone, handle);
        history?.Invoke(chatDb, handle, chat.RowId);
        var scripts = new FakeAppleScriptRunner();
        // Owned here, not by the test host, so a restart finds the same store.
        var dataDirectory = Directory.CreateTempSubdirectory("tapback-mac-").FullName;
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero)) { AutoAdvanceAmount = TimeSpan.Zero };
        var mac = new MacMessagesHost(chatDb, scripts, time, handle, chat);
        scripts.OnSend = mac.PlayMessagesAsync;
        mac.Host = await StartHostAsync(chatDb, scripts, extra, dataDirectory, time);
        await mac.WaitForCursorAsync();
        return mac;
    }

    /// <summary>Stops Tapback and starts it again on the same store, chat.db and clock.</summary>
    public async Task RestartAsync(Action? whileDown = null)
    {
        var dataDirectory = Host.DataDirectory;
        var time = Host.Time;
        await Host.DisposeAsync();
        whileDown?.Invoke();
        Host = await StartHostAsync(ChatDb, Scripts, null, dataDirectory, time);
    }

    /// <summary>Advances the clock (polls run) until the condition holds.</summary>
    public Task PollUntilAsync(Func<Task<bool>> condition) =>
        Host.AdvanceUntilAsync(condition, step: TimeSpan.FromMilliseconds(500));

    public async Task<long> CountAsync(string sql, object? parameters = null)
    {
        await using var connection = await Host.Services.GetRequiredService<Database>().OpenAsync();
        return await connection.ExecuteScalarAsync<long>(sql, parameters);
    }

    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = await Host.Services.GetRequiredService<Database>().OpenAsync();
        return [.. await connection.QueryAsync<T>(sql, parameters)];
    }

    public Task<long> InboundCountAsync() => CountAsync("SELECT count(*) FROM messages WHERE direction = 'in'");

    public async Task WaitForCursorAsync() =>
        await PollUntilAsync(async () => await CountAsync("SELECT count(*) FROM macmessages_cursors WHERE transport = @Name", new { Name }) == 1);

    /// <summary>Waits until the agent answered and nothing is left to send.</summary>
    public Task WaitForAnswerAsync(int sends = 1) =>
        PollUntilAsync(async () => Scripts.Runs.Count >= sends && await Host.IsIdleAsync());

    public async ValueTask DisposeAsync()
    {
        var dataDirectory = Host.DataDirectory;
        await Host.DisposeAsync();
        ChatDb.Dispose();
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>What Messages does with a send: writes the row from this Mac into the chat, at once.</summary>
    private Task<AppleScriptResult> PlayMessagesAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        WriteOwnRow(arguments);
        return Task.FromResult(new AppleScriptResult(0, string.Empty, string.Empty));
    }

    public void WriteOwnRow(IReadOnlyList<string> arguments)
    {
        var (targetKind, target, payloadKind, payload) = (arguments[0], arguments[1], arguments[3], arguments[4]);
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = ChatDb.Path, Pooling = false }.ToString());
        connection.Open();
        var chatRowId = targetKind == "chat"
            ? connection.ExecuteScalar<long>("SELECT ROWID FROM chat WHERE guid = @target", new { target })
            : connection.ExecuteScalar<long>("SELECT ROWID FROM chat WHERE chat_identifier = @target AND style = 45", new { target });
        var handleRowId = targetKind == "chat" ? 0 : connection.ExecuteScalar<long>("SELECT ROWID FROM handle WHERE id = @target", new { target });
        var (rowId, _) = ChatDb.AddMessage(chatRowId, handleRowId, payloadKind == "text" ? payload : "\uFFFC", Now, fromMe: true);
        if (payloadKind == "file")
        {
            ChatDb.AddAttachment(rowId, payload, "application/octet-stream", Path.GetFileName(payload));
        }
    }

    private static Task<TapbackTestHost> StartHostAsync(
        ChatDbFixture chatDb, FakeAppleScriptRunner scripts, IDictionary<string, string?>? extra, string? dataDirectory, FakeTimeProvider? time)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Tapback:Agent:AllowFrom:0"] = "*",
            [$"Tapback:Transports:{Name}:Kind"] = "MacMessages",
            [$"Tapback:Transports:{Name}:DatabasePath"] = chatDb.Path,
            [$"Tapback:Transports:{Name}:AllowOnNonMac"] = "true",
            // The tests drive every poll with the fake clock; the folder watch is tested on its own.
            [$"Tapback:Transports:{Name}:WatchFolder"] = "false",
            [$"Tapback:Transports:{Name}:PollInterval"] = "00:00:01",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return TapbackTestHost.StartAsync(settings, dataDirectory, services => services.AddSingleton<IAppleScriptRunner>(scripts), time);
    }
}
