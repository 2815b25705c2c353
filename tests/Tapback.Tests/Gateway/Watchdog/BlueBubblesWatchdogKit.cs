using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Tapback.Storage;
using Tapback.Tests.AgentLink;
using Tapback.Tests.AgentLink.Webhooks;
using Tapback.Tests.Infrastructure;
using Tapback.Tests.Transports.BlueBubbles;

namespace Tapback.Tests.Gateway.Watchdog;

/// <summary>
/// Tapback on a fake BlueBubbles server (instance <c>bb</c>) with the watchdog checking every 10 s and
/// a transition needing a minute of agreeing checks; one phone paired over BlueBubbles, its webhook
/// subscribed to the transport events, and the log collected. The store outlives a restart.
/// </summary>
internal sealed partial class BlueBubblesWatchdogKit : IAsyncDisposable
{
    public const string Phone = "+15551234567";
    public const string OneToOne = "iMessage;-;+15551234567";
    public const string Transport = BlueBubblesHost.Name;
    public static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(10);

    private readonly IDictionary<string, string?>? _extra;
    private readonly string _dataDirectory;

    private BlueBubblesWatchdogKit(FakeBlueBubblesServer fake, WebhookReceiver receiver, IDictionary<string, string?>? extra, string dataDirectory)
    {
        Fake = fake;
        Receiver = receiver;
        _extra = extra;
        _dataDirectory = dataDirectory;
    }

    public FakeBlueBubblesServer Fake { get; }

    public WebhookReceiver Receiver { get; }

    public TapbackTestHost Host { get; private set; } = null!;

    public CollectingLoggerProvider Logs { get; private set; } = new();

    public string Token { get; private set; } = string.Empty;

    public static async Task<BlueBubblesWatchdogKit> StartAsync(IDictionary<string, string?>? extra = null, params string[] events)
    {
        var fake = new FakeBlueBubblesServer();
        await fake.StartAsync();
        var receiver = await WebhookReceiver.StartAsync();
        var kit = new BlueBubblesWatchdogKit(fake, receiver, extra, Directory.CreateTempSubdirectory("tapback-watchdog-").FullName);
        await kit.StartHostAsync(time: null);
        kit.Token = await kit.PairAsync();
        using var api = kit.Api();
        using var created = await api.PostAsJsonAsync("/v2/webhooks", new { url = receiver.Url, events = events.Length > 0 ? events : ["transport.degraded", "transport.recovered"] });
        Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        receiver.Secret = (string)JsonNode.Parse(await created.Content.ReadAsStringAsync())!["secret"]!;
        return kit;
    }

    /// <summary>Stops Tapback and starts it again on the same store, clock and fake server.</summary>
    public async Task RestartAsync()
    {
        var time = Host.Time;
        await Host.DisposeAsync();
        Logs = new CollectingLoggerProvider();
        await StartHostAsync(time);
    }

    public HttpClient Api()
    {
        var api = new HttpClient { BaseAddress = Host.BaseAddress };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return api;
    }

    /// <summary><c>/healthz</c> asked for JSON: the entry of the transport.</summary>
    public Task<(string Status, string? Description, string Overall)> HealthAsync() => WatchdogHealth.EntryAsync(Host, Transport);

    public IReadOnlyList<ReceivedWebhook> Webhooks(string type) => [.. Receiver.Accepted.Where(webhook => webhook.Type == type)];

    public IReadOnlyList<string> Logged(LogLevel level, string containing) =>
        [.. Logs.Entries.Where(entry => entry.Level == level && entry.Message.Contains(containing, StringComparison.Ordinal)).Select(entry => entry.Message)];

    /// <summary>Advances the clock a second at a time until the condition holds.</summary>
    public Task AdvanceUntilAsync(Func<Task<bool>> condition) => Host.AdvanceUntilAsync(condition, step: TimeSpan.FromSeconds(1));

    public Task AdvanceUntilHealthAsync(string status) => AdvanceUntilAsync(async () => (await HealthAsync()).Status == status);

    /// <summary>Advances until the watchdog has checked the bridge again for <paramref name="span"/> of the clock and no webhook waits.</summary>
    public async Task AdvanceChecksAsync(TimeSpan span)
    {
        var until = Host.Time.GetUtcNow() + span;
        await AdvanceUntilAsync(async () => await CheckedAtAsync() >= until && await PendingDeliveriesAsync() == 0);
    }

    public async Task<long> CountAsync(string sql, object? parameters = null)
    {
        await using var connection = await Host.Services.GetRequiredService<Database>().OpenAsync();
        return await connection.ExecuteScalarAsync<long>(sql, parameters);
    }

    public Task<long> PendingDeliveriesAsync() => CountAsync("SELECT count(*) FROM webhook_deliveries WHERE state = 'pending'");

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Fake.DisposeAsync();
        await Receiver.DisposeAsync();
        await TestStore.DropAsync(_dataDirectory);
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task<DateTimeOffset> CheckedAtAsync() =>
        DateTimeOffset.FromUnixTimeMilliseconds(await CountAsync("SELECT coalesce(max(checked_at), 0) FROM transport_health WHERE transport = @Transport", new { Transport }));

    private async Task StartHostAsync(FakeTimeProvider? time)
    {
        var settings = new Dictionary<string, string?>(WebhookTestKit.Settings())
        {
            ["Tapback:Admin:Token"] = WatchdogHealth.AdminToken,
            ["Tapback:Watchdog:CheckInterval"] = "00:00:10",
            ["Tapback:Watchdog:DegradedAfter"] = "00:01:00",
            ["Tapback:Watchdog:RecoveredAfter"] = "00:01:00",
            // The recovery is logged at Information, below the test host's default level.
            ["Logging:LogLevel:Tapback.Gateway.Watchdog"] = "Information",
        };
        foreach (var (key, value) in _extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var logs = Logs;
        Host = await BlueBubblesHost.StartAsync(Fake, settings, _dataDirectory, time, services => services.AddSingleton<ILoggerProvider>(logs));
    }

    /// <summary>Pairs <see cref="Phone"/> over BlueBubbles: <c>/setup</c> in, the code out through the fake, exchanged.</summary>
    private async Task<string> PairAsync()
    {
        using (await Host.PostMessageAsync(BlueBubblesPayloads.Message("IN-SETUP", Phone, "/setup", Host.Now(), OneToOne)))
        {
        }

        string? code = null;
        await AdvanceUntilAsync(() =>
        {
            code = Fake.Sent.Select(message => SixDigits().Match(message["text"]?.GetValue<string>() ?? string.Empty)).FirstOrDefault(match => match.Success)?.Value;
            return Task.FromResult(code is not null);
        });
        using var exchanged = await GatewayScript.ExchangeAsync(Host, Phone, code!);
        exchanged.EnsureSuccessStatusCode();
        return (string)JsonNode.Parse(await exchanged.Content.ReadAsStringAsync())!["token"]!;
    }

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex SixDigits();
}
