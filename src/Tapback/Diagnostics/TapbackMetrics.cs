using System.Diagnostics.Metrics;

namespace Tapback.Diagnostics;

/// <summary>
/// The "Tapback" meter: how long an accepted inbound event takes to reach its agent and to show typing,
/// and counts of what the gateway did. Times are measured on the injected clock from the event's stored
/// received time (whole epoch milliseconds, so a figure may read up to 1 ms high). Tags never carry a
/// phone number, a chat id or a body.
/// </summary>
internal sealed partial class TapbackMetrics
{
    public const string MeterName = "Tapback";

    private readonly TimeProvider _time;
    private readonly Histogram<double> _toAgent;
    private readonly Histogram<double> _toTyping;
    private readonly Histogram<double> _turnToTyping;
    private readonly Counter<long> _inbound;
    private readonly Counter<long> _duplicates;
    private readonly Counter<long> _turns;
    private readonly Counter<long> _outboxSends;
    private readonly Counter<long> _governorHolds;
    private readonly TypingWatch _typing = new();

    public TapbackMetrics(IMeterFactory meterFactory, TimeProvider time)
    {
        _time = time;
        var meter = meterFactory.Create(MeterName);
        _toAgent = meter.CreateHistogram<double>(
            "tapback.inbound.to_agent", "ms", "From an inbound event being accepted (its stored received time) to its agent getting it: a built-in turn starting, a WebSocket frame written, a webhook answered 2xx.");
        _toTyping = meter.CreateHistogram<double>(
            "tapback.inbound.to_typing", "ms", "From the oldest inbound event of a built-in turn being accepted to that turn's typing indicator handed to the transport successfully.");
        _turnToTyping = meter.CreateHistogram<double>(
            "tapback.agent.turn_to_typing", "ms", "From a built-in turn starting to its typing indicator handed to the transport successfully: how far the outbox trails the agent.");
        _inbound = meter.CreateCounter<long>("tapback.inbound.events", "{event}", "Inbound messages and tapbacks stored (duplicates not counted).");
        _duplicates = meter.CreateCounter<long>("tapback.inbound.duplicates", "{event}", "Inbound events dropped because their transport event id was already stored.");
        _turns = meter.CreateCounter<long>("tapback.agent.turns", "{turn}", "Built-in agent turns, by result: completed, failed or cancelled (the node stopping).");
        _outboxSends = meter.CreateCounter<long>("tapback.outbox.sends", "{send}", "Outbox rows handed to a transport, by kind and result: sent, retry, failed, unknown.");
        _governorHolds = meter.CreateCounter<long>("tapback.governor.holds", "{send}", "Sends the send governor held, by reason (a send held again after a release counts again).");
    }

    /// <summary>An inbound event was stored (<paramref name="kind"/> is message or reaction).</summary>
    public void InboundStored(string kind) => _inbound.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void InboundDuplicate(string kind) => _duplicates.Add(1, new KeyValuePair<string, object?>("kind", kind));

    /// <summary>
    /// An agent got an event written at <paramref name="acceptedAtMs"/> (epoch ms); recorded when
    /// <paramref name="kind"/> (a queue kind or a webhook event type) is an inbound message or tapback.
    /// </summary>
    public void Delivered(string path, string kind, long acceptedAtMs)
    {
        if (IsInbound(kind))
        {
            _toAgent.Record(SinceMs(acceptedAtMs), new KeyValuePair<string, object?>("path", path));
        }
    }

    /// <summary>An outbox row's send ended with <paramref name="result"/> (sent, retry, failed, unknown).</summary>
    public void OutboxSend(string kind, string result, string idempotencyKey)
    {
        _outboxSends.Add(1, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("result", result));
        // A retry keeps watching: the figure runs until the transport takes the indicator.
        if (result != OutboxResults.Retry && _typing.Take(idempotencyKey) is { } watched && result == OutboxResults.Sent)
        {
            var now = NowMs();
            var path = new KeyValuePair<string, object?>("path", InboundPaths.BuiltIn);
            _toTyping.Record(now - watched.AcceptedAtMs, path);
            _turnToTyping.Record(now - watched.TurnStartedMs, path);
        }
    }

    /// <summary>The send governor held a send for <paramref name="reason"/> (a <c>HoldReasons</c> wire name).</summary>
    public void GovernorHeld(string reason) => _governorHolds.Add(1, new KeyValuePair<string, object?>("reason", reason));

    private double SinceMs(long acceptedAtMs) => NowMs() - acceptedAtMs;
}
