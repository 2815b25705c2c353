using Tapback.Messaging;
using Tapback.Tests.Infrastructure;
using static Tapback.Tests.Gateway.Delivery.DeliveryTestHost;

namespace Tapback.Tests.Gateway.Delivery;

/// <summary>A send that may or may not have reached the provider is asked about, never blindly repeated.</summary>
public sealed class ReconciliationTests
{
    [Fact]
    public async Task Send_TimesOutButTheProviderHasIt_IsRecordedSentAndNeverRepeated()
    {
        var transport = TimesOutOnFirstBubble(new ReconcilingTransport("recon"));
        transport.Answer = (_, _) => SendReconciliation.Sent("provider-found");
        await using var host = await StartAsync(transport);

        await ReceiveAsync(host, transport, "evt-1");
        await host.AdvanceUntilAsync(host.IsIdleAsync, step: TimeSpan.FromSeconds(1));

        var sends = transport.Actions.OfType<SendMessageAction>().ToList();
        Assert.Equal(sends.Count, sends.Select(send => send.IdempotencyKey).Distinct().Count());
        Assert.Single(transport.Questions);
        Assert.Equal(0, await CountAsync(host, "SELECT count(*) FROM outbox WHERE state <> 'done'"));
        Assert.Equal(1, await CountAsync(host, "SELECT count(*) FROM messages WHERE direction = 'out' AND provider_id = 'provider-found' AND state = 'sent'"));
        Assert.True(await CountAsync(host, "SELECT count(*) FROM messages WHERE direction = 'out' AND state = 'sent'") >= 2);
    }

    [Fact]
    public async Task Send_TimesOutAndTheProviderNeverSawIt_IsSentOnceMoreWithTheSameKeyInOrder()
    {
        var attempted = new List<string>();
        var transport = TimesOutOnFirstBubble(new ReconcilingTransport("recon"), attempted);
        transport.Answer = (_, _) => SendReconciliation.NotSent;
        await using var host = await StartAsync(transport);

        await ReceiveAsync(host, transport, "evt-1");
        await host.AdvanceUntilAsync(host.IsIdleAsync, step: TimeSpan.FromSeconds(1));

        var sent = transport.Actions.OfType<SendMessageAction>().Select(send => send.IdempotencyKey).ToList();
        Assert.Equal(attempted[0], attempted[1]);
        Assert.Equal(attempted.Skip(1), sent);
        Assert.Equal(sent.Count, sent.Distinct().Count());
        Assert.Single(transport.Questions);
        Assert.Equal(0, await CountAsync(host, "SELECT count(*) FROM outbox WHERE state <> 'done'"));
    }

    [Fact]
    public async Task Send_TheProviderCannotTell_IsAskedFiveTimesThenReportedUnknownAndTheRestGoesOn()
    {
        var transport = TimesOutOnFirstBubble(new ReconcilingTransport("recon"));
        await using var host = await StartAsync(transport);

        await ReceiveAsync(host, transport, "evt-1");
        await host.AdvanceUntilAsync(host.IsIdleAsync, step: TimeSpan.FromSeconds(10));

        var keys = transport.Actions.OfType<SendMessageAction>().Select(send => send.IdempotencyKey).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.Equal(5, transport.Questions.Count);
        Assert.Equal(1, await CountAsync(host, "SELECT count(*) FROM outbox WHERE state = 'unknown'"));
        Assert.Equal(1, await CountAsync(host, "SELECT count(*) FROM messages WHERE direction = 'out' AND state = 'unknown'"));
        Assert.True(keys.Count >= 2, "The bubbles after the unknown one are still sent.");
    }

    [Fact]
    public async Task Send_TimesOutOnATransportThatCannotBeAsked_IsReportedUnknownNotResent()
    {
        var transport = new RecordingTransport("plain");
        transport.BeforeExecute = (action, _) =>
        {
            if (action is SendMessageAction { IdempotencyKey: var key } && key.EndsWith(":bubble:0", StringComparison.Ordinal))
            {
                throw new TransportException("timed out after the request was sent", retryable: true) { OutcomeUnknown = true };
            }
        };
        await using var host = await StartAsync(transport);

        await ReceiveAsync(host, transport, "evt-1");
        await host.AdvanceUntilAsync(host.IsIdleAsync, step: TimeSpan.FromSeconds(1));

        var keys = transport.Actions.OfType<SendMessageAction>().Select(send => send.IdempotencyKey).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.Equal(1, await CountAsync(host, "SELECT count(*) FROM outbox WHERE state = 'unknown'"));
    }

    [Fact]
    public async Task Send_TimesOutOnAnIdempotentTransport_IsRetriedWithTheSameKey()
    {
        var transport = new RecordingTransport("keyed") { Capabilities = new TransportCapabilities { IdempotentSends = true } };
        var attempted = new List<string>();
        transport.BeforeExecute = (action, _) =>
        {
            if (action is SendMessageAction send)
            {
                attempted.Add(send.IdempotencyKey);
                if (attempted.Count == 1)
                {
                    throw new TransportException("timed out", retryable: true) { OutcomeUnknown = true };
                }
            }
        };
        await using var host = await StartAsync(transport);

        await ReceiveAsync(host, transport, "evt-1");
        await host.AdvanceUntilAsync(host.IsIdleAsync, step: TimeSpan.FromSeconds(1));

        Assert.Equal(attempted[0], attempted[1]);
        Assert.Equal(attempted.Skip(1), transport.Actions.OfType<SendMessageAction>().Select(send => send.IdempotencyKey));
        Assert.Equal(0, await CountAsync(host, "SELECT count(*) FROM outbox WHERE state <> 'done'"));
    }

    [Fact]
    public async Task Send_ProviderErrorLastsAndTheProviderNeverSentIt_FailsAfterMaxAttemptsWithItsReasonAndTheRestGoesOn()
    {
        // As a BlueBubbles server behind a failing Messages.app: every try answers 500, and the chat
        // never shows the message (the query skips messages that carry an error).
        var attempted = new List<(string Key, DateTimeOffset At)>();
        var transport = new ReconcilingTransport("recon") { Answer = (_, _) => SendReconciliation.NotSent };
        await using var host = await StartAsync(transport);
        transport.BeforeExecute = (action, _) =>
        {
            if (action is SendMessageAction send)
            {
                attempted.Add((send.IdempotencyKey, host.Time.GetUtcNow()));
                if (send.IdempotencyKey.EndsWith(":bubble:0", StringComparison.Ordinal))
                {
                    throw new TransportException("500: Message Send Error — Messages error 22", retryable: true) { OutcomeUnknown = true };
                }
            }
        };

        await ReceiveAsync(host, transport, "evt-1");
        await host.AdvanceUntilAsync(host.IsIdleAsync, step: TimeSpan.FromSeconds(5));

        var first = attempted.Where(attempt => attempt.Key.EndsWith(":bubble:0", StringComparison.Ordinal)).ToList();
        Assert.Equal(8, first.Count);
        var gaps = first.Zip(first.Skip(1), (earlier, later) => later.At - earlier.At).ToList();
        // The eighth try waits the seventh backoff (2 s doubled six times, jittered in its upper half: at least 64 s), not 5 s.
        Assert.True(gaps[^1] >= TimeSpan.FromSeconds(60), $"Resends back off ({string.Join(", ", gaps)}).");
        Assert.Equal(1, await CountAsync(host, "SELECT count(*) FROM outbox WHERE state = 'failed' AND last_error LIKE '%Messages error 22%'"));
        Assert.Equal(1, await CountAsync(host, "SELECT count(*) FROM messages WHERE direction = 'out' AND state = 'failed'"));
        Assert.Equal(0, await CountAsync(host, "SELECT count(*) FROM outbox WHERE state NOT IN ('done', 'failed')"));
        Assert.True(transport.Actions.OfType<SendMessageAction>().Any(), "The bubbles behind the failed one are sent.");
        // Every try took its place in the pace limit, the resends after reconciliation too.
        Assert.True(await CountAsync(host, "SELECT count(*) FROM paced_sends") >= attempted.Count);
    }

    [Fact]
    public async Task Send_AlwaysUnknownOnAnIdempotentTransport_EndsAfterMaxAttempts()
    {
        var transport = new RecordingTransport("keyed") { Capabilities = new TransportCapabilities { IdempotentSends = true } };
        var attempts = 0;
        transport.BeforeExecute = (action, _) =>
        {
            if (action is SendMessageAction { IdempotencyKey: var key } && key.EndsWith(":bubble:0", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref attempts);
                throw new TransportException("timed out", retryable: true) { OutcomeUnknown = true };
            }
        };
        await using var host = await StartAsync(transport);

        await ReceiveAsync(host, transport, "evt-1");
        await host.AdvanceUntilAsync(host.IsIdleAsync, step: TimeSpan.FromSeconds(5));

        Assert.Equal(8, attempts);
        Assert.Equal(1, await CountAsync(host, "SELECT count(*) FROM outbox WHERE state = 'unknown'"));
        Assert.Equal(0, await CountAsync(host, "SELECT count(*) FROM outbox WHERE state NOT IN ('done', 'unknown')"));
    }

    private static ReconcilingTransport TimesOutOnFirstBubble(ReconcilingTransport transport, List<string>? attempted = null)
    {
        attempted ??= [];
        transport.BeforeExecute = (action, _) =>
        {
            if (action is SendMessageAction send)
            {
                attempted.Add(send.IdempotencyKey);
            }

            if (action is SendMessageAction && attempted.Count == 1)
            {
                throw new TransportException("timed out after the request was sent", retryable: true) { OutcomeUnknown = true };
            }
        };
        return transport;
    }
}
