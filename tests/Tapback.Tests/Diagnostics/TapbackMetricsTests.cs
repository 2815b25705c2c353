using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Tapback.Diagnostics;
using Tapback.Messaging;
using Tapback.Tests.AgentLink;
using Tapback.Tests.AgentLink.Webhooks;
using Tapback.Tests.Infrastructure;
using static Tapback.Tests.Gateway.Delivery.DeliveryTestHost;

namespace Tapback.Tests.Diagnostics;

/// <summary>
/// The "Tapback" meter read the way a scraper reads it, from a real Tapback on the fake clock: each
/// histogram holds the fake-clock delay between the event being accepted and its recording point, so
/// a recording point that moves changes the figure and fails the test.
/// </summary>
public sealed class TapbackMetricsTests
{
    private static readonly TimeSpan RealWait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task ToAgent_BuiltInTurnHeldByTheDebounce_RecordsTheDebounceDelay()
    {
        var transport = new RecordingTransport("metrics");
        await using var host = await StartAsync(transport, new Dictionary<string, string?> { ["Tapback:Agent:DebounceWindow"] = "00:00:03" });
        using var toAgent = Collect<double>(host, "tapback.inbound.to_agent");

        var acceptedAt = host.Time.GetUtcNow();
        await ReceiveAsync(host, transport, "evt-1");
        host.Time.Advance(TimeSpan.FromSeconds(3));
        // The worker claims on one of its 250 ms polls; the clock moves by polls until it has.
        await host.AdvanceUntilAsync(() => Task.FromResult(toAgent.GetMeasurementSnapshot().Count > 0), step: TimeSpan.FromMilliseconds(250));

        // Held the whole debounce, and recorded when the turn started: no later than the clock now
        // stands (on an idle machine the first poll, 3000 ms; a busy one may need a few polls more).
        var measurement = Assert.Single(toAgent.GetMeasurementSnapshot());
        Assert.Equal(InboundPaths.BuiltIn, measurement.Tags["path"]);
        Assert.InRange(measurement.Value, 3000, (host.Time.GetUtcNow() - acceptedAt).TotalMilliseconds);
    }

    [Fact]
    public async Task ToTyping_FirstTypingSendRetried_RecordsUntilTheTransportTookItFromAcceptedAndFromTurnStart()
    {
        var transport = new RecordingTransport("metrics");
        DateTimeOffset? typingTakenAt = null;
        await using var host = await StartAsync(transport, new Dictionary<string, string?> { ["Tapback:Agent:DebounceWindow"] = "00:00:00" });
        transport.BeforeExecute = (action, _) =>
        {
            if (action is SetTypingAction { On: true } && typingTakenAt is null)
            {
                typingTakenAt = DateTimeOffset.MinValue;
                throw new TransportException("The phone is busy.", retryable: true);
            }

            if (action is SetTypingAction { On: true } && typingTakenAt == DateTimeOffset.MinValue)
            {
                typingTakenAt = host.Time.GetUtcNow();
            }
        };
        using var toTyping = Collect<double>(host, "tapback.inbound.to_typing");
        using var toAgent = Collect<double>(host, "tapback.inbound.to_agent");
        using var turnToTyping = Collect<double>(host, "tapback.agent.turn_to_typing");
        using var sends = Collect<long>(host, "tapback.outbox.sends");
        var acceptedAt = host.Time.GetUtcNow();

        await ReceiveAsync(host, transport, "evt-1");
        await host.AdvanceUntilAsync(host.IsIdleAsync, step: TimeSpan.FromMilliseconds(250));

        var measurement = Assert.Single(toTyping.GetMeasurementSnapshot());
        Assert.Equal((typingTakenAt!.Value - acceptedAt).TotalMilliseconds, measurement.Value, precision: 3);
        Assert.True(measurement.Value >= 1000, $"The retry's backoff is part of the figure; it was {measurement.Value} ms.");
        // The turn's share: from its start (accepted + the wait for the agent) to the same moment.
        var turnStarted = Assert.Single(toAgent.GetMeasurementSnapshot()).Value;
        Assert.Equal(measurement.Value - turnStarted, Assert.Single(turnToTyping.GetMeasurementSnapshot()).Value, precision: 3);
        var typingSends = sends.GetMeasurementSnapshot().Where(m => (string?)m.Tags["kind"] == "typing_on").Select(m => m.Tags["result"]).ToList();
        // The opening indicator failed once, then went; the bubbles' own indicators follow it.
        Assert.Equal([OutboxResults.Retry, OutboxResults.Sent], typingSends.Take(2));
    }

    [Fact]
    public async Task ToAgent_WebSocketAgentConnectingLater_RecordsHowLongTheEventWaited()
    {
        const string phone = "+15551230077";
        await using var host = await TapbackTestHost.StartAsync();
        var token = await GatewayScript.PairAsync(host, phone);
        using var toAgent = Collect<double>(host, "tapback.inbound.to_agent");

        await host.SendAsync(phone, "anyone there?");
        host.Time.Advance(TimeSpan.FromSeconds(3));
        var (client, _) = await ScriptedAgentClient.ConnectReadyAsync(host.BaseAddress, phone, token);
        await using var _ = client;
        await client.ReceiveAsync("message.received");
        await toAgent.WaitForMeasurementsAsync(1, RealWait);

        var measurement = Assert.Single(toAgent.GetMeasurementSnapshot());
        Assert.Equal(InboundPaths.WebSocket, measurement.Tags["path"]);
        Assert.Equal(3000, measurement.Value, precision: 3);
    }

    [Fact]
    public async Task ToAgent_WebhookAnsweredOnItsRetry_RecordsUntilTheReceiverSaidOk()
    {
        await using var kit = await WebhookTestKit.StartAsync();
        kit.Receiver.Script(ReceiverAnswer.ServerError);
        using var toAgent = Collect<double>(kit.Host, "tapback.inbound.to_agent");

        var acceptedAt = kit.Host.Time.GetUtcNow();
        await kit.Host.SendAsync(WebhookTestKit.Phone, "hello bot");
        await kit.AdvanceUntilAsync(() => toAgent.GetMeasurementSnapshot().Count > 0);
        var elapsed = (kit.Host.Time.GetUtcNow() - acceptedAt).TotalMilliseconds;

        var measurement = Assert.Single(toAgent.GetMeasurementSnapshot());
        Assert.Equal(InboundPaths.Webhook, measurement.Tags["path"]);
        // Recorded at the 2xx, after the first retry's wait (10 s less 20 % at least); the clock moves a second at a time.
        Assert.InRange(measurement.Value, Math.Max(8000, elapsed - 1000), elapsed);
    }

    [Fact]
    public async Task Counters_RepeatedEventAndOneTurn_CountOneStoredOneDuplicateOneCompletedTurn()
    {
        var transport = new RecordingTransport("metrics");
        await using var host = await StartAsync(transport, new Dictionary<string, string?> { ["Tapback:Agent:DebounceWindow"] = "00:00:00" });
        using var stored = Collect<long>(host, "tapback.inbound.events");
        using var duplicates = Collect<long>(host, "tapback.inbound.duplicates");
        using var turns = Collect<long>(host, "tapback.agent.turns");
        using var sends = Collect<long>(host, "tapback.outbox.sends");

        await ReceiveAsync(host, transport, "evt-1");
        await ReceiveAsync(host, transport, "evt-1");
        await host.AdvanceUntilAsync(host.IsIdleAsync, step: TimeSpan.FromMilliseconds(250));

        Assert.Equal("message", Assert.Single(stored.GetMeasurementSnapshot()).Tags["kind"]);
        Assert.Single(duplicates.GetMeasurementSnapshot());
        Assert.Equal(TurnResults.Completed, Assert.Single(turns.GetMeasurementSnapshot()).Tags["result"]);
        Assert.Contains(sends.GetMeasurementSnapshot(), m => (string?)m.Tags["kind"] == "message" && (string?)m.Tags["result"] == OutboxResults.Sent);
    }

    private static MetricCollector<T> Collect<T>(TapbackTestHost host, string instrument)
        where T : struct =>
        new(host.Services.GetRequiredService<IMeterFactory>(), TapbackMetrics.MeterName, instrument);
}
