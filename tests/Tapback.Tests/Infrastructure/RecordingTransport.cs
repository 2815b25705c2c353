using Tapback.Messaging;

namespace Tapback.Tests.Infrastructure;

/// <summary>
/// A hand-written transport that records what it was asked to do and fails on demand, for tests of
/// the outbox's order and retries, and answers handle lookups with <see cref="Lookup"/> (asked only
/// where its capabilities say <see cref="TransportCapabilities.HandleLookup"/>).
/// </summary>
internal sealed class RecordingTransport(string name) : IMessageTransport, IHandleLookup
{
    private readonly Lock _lock = new();
    private readonly List<OutboundAction> _actions = [];

    public string Name => name;

    public string Kind => "Recording";

    public TransportCapabilities Capabilities { get; init; } = new() { Typing = true, ReadReceipts = true, TapbacksSent = true };

    /// <summary>Called before each action is recorded; throw from it to fail the action.</summary>
    public Action<OutboundAction, int>? BeforeExecute { get; set; }

    public IReadOnlyList<OutboundAction> Actions
    {
        get
        {
            lock (_lock)
            {
                return [.. _actions];
            }
        }
    }

    private int _calls;

    private int _lookups;

    /// <summary>The answer to a handle lookup; throw a <see cref="TransportException"/> from it to fail the lookup.</summary>
    public Func<string, bool?> Lookup { get; set; } = _ => true;

    /// <summary>How many times a handle was looked up.</summary>
    public int Lookups => Volatile.Read(ref _lookups);

    public Task<bool?> IsOnIMessageAsync(string handle, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _lookups);
        return Task.FromResult(Lookup(handle));
    }

    public Task<string?> ExecuteAsync(OutboundAction action, CancellationToken cancellationToken = default)
    {
        var call = Interlocked.Increment(ref _calls);
        BeforeExecute?.Invoke(action, call);
        lock (_lock)
        {
            _actions.Add(action);
        }

        return Task.FromResult<string?>($"provider-{call}");
    }
}
