using Microsoft.Extensions.Options;
using Tapback.Gateway.Outbox;
using Tapback.Gateway.Transports;
using Tapback.Messaging;

namespace Tapback.Gateway.Watchdog;

/// <summary>
/// Looks at every bridge transport (<see cref="IBridgeHealthProbe"/>) each <see cref="WatchdogOptions.CheckInterval"/>:
/// what the bridge says of itself, the outbox's sends it has not finished past
/// <see cref="WatchdogOptions.StuckSendAfter"/>, and its canary. What it sees goes through
/// <see cref="TransportHealthRules"/> into the store, which announces a transition once (log,
/// webhooks); then this node tells its agent sockets of every transition it has not told yet,
/// whichever node announced it.
/// </summary>
internal sealed partial class BridgeWatchdog(
    TransportRegistry transports,
    IOptionsMonitor<WatchdogOptions> options,
    TransportHealthStore store,
    OutboxStore outbox,
    Canary canary,
    TransportHealthFeed feed,
    TimeProvider time,
    ILogger<BridgeWatchdog> logger) : BackgroundService
{
    // The versions this node has told its sockets of, per transport.
    private readonly Dictionary<string, long> _told = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _nextCheck = new(StringComparer.Ordinal);

    /// <summary>The transports watched: the bridges whose watchdog is on.</summary>
    public IReadOnlyList<IMessageTransport> Watched() =>
        [.. transports.All.Where(transport => transport is IBridgeHealthProbe && options.Get(transport.Name).Enabled)];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var watched = Watched();
        await store.ForgetAllButAsync([.. watched.Select(transport => transport.Name)], stoppingToken);
        if (watched.Count == 0)
        {
            return;
        }

        // What was announced before this start is not news to this node's (new) sockets: each hears
        // the state as it stands when it connects.
        foreach (var health in await store.AllAsync(stoppingToken))
        {
            _told[health.Transport] = health.Version;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            var due = watched.Where(transport => !_nextCheck.TryGetValue(transport.Name, out var at) || at <= now).ToList();
            await Task.WhenAll(due.Select(transport => CheckAsync(transport, stoppingToken)));
            foreach (var transport in due)
            {
                _nextCheck[transport.Name] = now + options.Get(transport.Name).CheckInterval;
            }

            await TellSocketsAsync(stoppingToken);
            var wait = _nextCheck.Values.Min() - time.GetUtcNow();
            await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(1), time, stoppingToken);
        }
    }

    private async Task CheckAsync(IMessageTransport transport, CancellationToken cancellationToken)
    {
        try
        {
            var settings = options.Get(transport.Name);
            var now = time.GetUtcNow();
            var problems = new List<string>();
            if (await ((IBridgeHealthProbe)transport).ProbeAsync(cancellationToken) is { } said)
            {
                problems.Add(said);
            }

            var (stuck, oldest) = await outbox.StuckSendsAsync(transport.Name, now - settings.StuckSendAfter, cancellationToken);
            if (stuck > 0)
            {
                problems.Add($"{stuck} send(s) have been in flight or waiting to be reconciled since {oldest:u}, longer than {settings.StuckSendAfter} (Watchdog:StuckSendAfter).");
            }

            string? canaryProblem = null;
            if (settings.Canary.Configured)
            {
                var health = await store.FindAsync(transport.Name, cancellationToken);
                canaryProblem = await canary.JudgeAsync(health, settings.Canary, now, cancellationToken);
                if (canaryProblem is not null)
                {
                    problems.Add(canaryProblem);
                }

                if (Canary.IsDue(health, settings.Canary, now))
                {
                    await canary.SendAsync(transport.Name, settings.Canary, now, cancellationToken);
                }
            }

            var change = await store.ApplyAsync(transport.Name, problems.Count == 0 ? null : string.Join(" ", problems), canaryProblem, settings, cancellationToken);
            if (change is { Type: TransportHealthChange.DegradedType })
            {
                LogDegraded(logger, transport.Name, change.Reason ?? string.Empty, change.Since);
            }
            else if (change is { DegradedSince: { } degradedSince })
            {
                LogRecovered(logger, transport.Name, degradedSince, change.Since);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The next check tries again; a watchdog that stops watching would be worse than one that misses a beat.
            LogCheckFailed(logger, transport.Name, exception);
        }
    }

    private async Task TellSocketsAsync(CancellationToken cancellationToken)
    {
        try
        {
            foreach (var health in await store.AllAsync(cancellationToken))
            {
                var told = _told.GetValueOrDefault(health.Transport);
                if (health.Version == told)
                {
                    continue;
                }

                _told[health.Transport] = health.Version;
                if (health.Announcement() is { } announcement)
                {
                    feed.Publish(announcement);
                }
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogTellFailed(logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Transport {Transport} is degraded since {Since:u}: {Reason}")]
    private static partial void LogDegraded(ILogger logger, string transport, string reason, DateTimeOffset since);

    [LoggerMessage(Level = LogLevel.Information, Message = "Transport {Transport} has recovered: degraded since {DegradedSince:u}, working again since {Since:u}.")]
    private static partial void LogRecovered(ILogger logger, string transport, DateTimeOffset degradedSince, DateTimeOffset since);

    [LoggerMessage(Level = LogLevel.Error, Message = "The watchdog could not check transport {Transport}; the next check tries again.")]
    private static partial void LogCheckFailed(ILogger logger, string transport, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "The watchdog could not read the transports' health to tell this node's agent sockets; the next check tries again.")]
    private static partial void LogTellFailed(ILogger logger, Exception exception);
}
