using System.Net.Http.Json;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Tapback.Hosting;
using Tapback.Messaging;
using Tapback.Storage;

namespace Tapback.Tests.Infrastructure;

/// <summary>
/// A real Tapback on a random loopback port, with its own data directory, a fake clock and seeded
/// jitter. Bubble gaps and backoff pass only when a test advances <see cref="Time"/>.
/// </summary>
internal sealed class TapbackTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly bool _ownsDataDirectory;

    private TapbackTestHost(WebApplication app, FakeTimeProvider time, string dataDirectory, bool ownsDataDirectory)
    {
        _app = app;
        Time = time;
        DataDirectory = dataDirectory;
        _ownsDataDirectory = ownsDataDirectory;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        // A test may bind every address (urls = http://0.0.0.0:0); it still talks to it over loopback only.
        BaseAddress = new UriBuilder(address) { Host = new Uri(address).Host switch { "0.0.0.0" => "127.0.0.1", "[::]" => "[::1]", var host => host } }.Uri;
        Client = new HttpClient { BaseAddress = BaseAddress };
    }

    public Uri BaseAddress { get; }

    public FakeTimeProvider Time { get; }

    public HttpClient Client { get; }

    public string DataDirectory { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>
    /// Starts Tapback. Settings are configuration keys (<c>Tapback:Agent:Provider</c> …); the model is
    /// the offline one unless a test says otherwise. Pass a data directory to restart on the same store.
    /// </summary>
    public static async Task<TapbackTestHost> StartAsync(
        IDictionary<string, string?>? settings = null,
        string? dataDirectory = null,
        Action<IServiceCollection>? services = null,
        FakeTimeProvider? time = null)
    {
        var ownsDataDirectory = dataDirectory is null;
        dataDirectory ??= Directory.CreateTempSubdirectory("tapback-test-").FullName;
        time ??= new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero)) { AutoAdvanceAmount = TimeSpan.Zero };
        var args = new List<string>
        {
            "--urls=http://127.0.0.1:0",
            $"--Tapback:DataDirectory={dataDirectory}",
            "--Tapback:Agent:Provider=offline",
            "--Logging:LogLevel:Default=Warning",
        };
        args.AddRange((await TestStore.SettingsForAsync(dataDirectory)).Select(setting => $"--{setting.Key}={setting.Value}"));
        args.AddRange((settings ?? new Dictionary<string, string?>()).Select(setting => $"--{setting.Key}={setting.Value}"));
        var app = TapbackApp.Build([.. args], builder =>
        {
            builder.Services.AddSingleton<TimeProvider>(time);
            builder.Services.AddSingleton<IJitter>(new RandomJitter(seed: 42));
            services?.Invoke(builder.Services);
        });
        await app.StartAsync();
        return new TapbackTestHost(app, time, dataDirectory, ownsDataDirectory);
    }

    /// <summary>Starts Tapback on a fake OpenAI model (model id <c>gpt-test</c>), with extra settings that win.</summary>
    public static Task<TapbackTestHost> StartWithModelAsync(FakeOpenAIServer model, IDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Tapback:Agent:Provider"] = "openai",
            ["Tapback:Agent:BaseUrl"] = model.BaseUrl.ToString(),
            ["Tapback:Agent:ApiKey"] = model.ApiKey,
            ["Tapback:Agent:Model"] = "gpt-test",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return StartAsync(settings);
    }

    /// <summary>
    /// Advances the fake clock in steps, letting the real work run between them, until
    /// <paramref name="condition"/> holds (<see cref="Waits"/>: the real-time limit only guards against a hang).
    /// </summary>
    public Task AdvanceUntilAsync(Func<Task<bool>> condition, TimeSpan? step = null, TimeSpan? realTimeout = null) =>
        Waits.UntilAsync(condition, () => Time.Advance(step ?? TimeSpan.FromMilliseconds(100)), realTimeout);

    public async Task<string> SendAsync(string from, string text, string? eventId = null)
    {
        using var response = await Client.PostAsJsonAsync("/api/simulator/messages", new { from, text, eventId });
        response.EnsureSuccessStatusCode();
        var accepted = await response.Content.ReadFromJsonAsync<Accepted>();
        return accepted!.MessageId;
    }

    /// <summary>The phone puts a tapback (love, like, dislike, …) on a message.</summary>
    public async Task ReactAsync(string from, string messageId, string reaction, bool remove = false)
    {
        using var response = await Client.PostAsJsonAsync("/api/simulator/reactions", new { from, messageId, reaction, remove });
        response.EnsureSuccessStatusCode();
    }

    public async Task<IReadOnlyList<PhoneEventDto>> EventsAsync(string handle) =>
        await Client.GetFromJsonAsync<List<PhoneEventDto>>($"/api/simulator/conversations/{Uri.EscapeDataString(handle)}/events") ?? [];

    /// <summary>
    /// Waits, advancing the clock, until the phone has seen at least <paramref name="count"/> agent
    /// bubbles and Tapback has nothing left to do: no pending agent work, no unsent outbox row.
    /// </summary>
    public async Task<IReadOnlyList<PhoneEventDto>> WaitForRepliesAsync(string handle, int count = 1)
    {
        IReadOnlyList<PhoneEventDto> events = [];
        await AdvanceUntilAsync(async () =>
        {
            events = await EventsAsync(handle);
            return events.Count(e => e.Type == "message.received") >= count && await IsIdleAsync();
        });
        return events;
    }

    /// <summary>
    /// True when the built-in agent has nothing pending and no outbox row is queued or in flight. Events
    /// waiting for an external agent (an integration's socket, webhooks or a polling bot) are its to take.
    /// </summary>
    public async Task<bool> IsIdleAsync()
    {
        await using var connection = await Services.GetRequiredService<Database>().OpenAsync();
        return await StoreIdle.IsIdleAsync(connection, link: "builtin");
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_ownsDataDirectory)
        {
            await TestStore.DropAsync(DataDirectory);
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private sealed record Accepted(string MessageId);
}

/// <summary>A phone event as the simulator's JSON API returns it.</summary>
internal sealed record PhoneEventDto(long Id, string Type, DateTimeOffset At, string? MessageId, string? Text, string? Reaction, bool? Removed, bool FromMe, IReadOnlyList<PhoneAttachmentDto>? Attachments = null);

/// <summary>A file shown in a phone event.</summary>
internal sealed record PhoneAttachmentDto(string Url, string ContentType, string FileName);
