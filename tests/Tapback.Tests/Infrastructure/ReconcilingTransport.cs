using Tapback.Messaging;

namespace Tapback.Tests.Infrastructure;

/// <summary>
/// A transport whose provider can be asked whether a send went out. Sends fail or succeed as the test
/// says; the provider's answer to "do you have it?" is scripted too, and every question is recorded.
/// </summary>
internal sealed class ReconcilingTransport(string name) : IMessageTransport, IReconcilingTransport
{
    private readonly RecordingTransport _inner = new(name);
    private readonly List<(SendMessageAction Action, DateTimeOffset AttemptedAt)> _questions = [];
    private readonly Lock _lock = new();

    public string Name => name;

    public string Kind => "Reconciling";

    public TransportCapabilities Capabilities { get; } = new() { Typing = true, ReadReceipts = true };

    public Action<OutboundAction, int>? BeforeExecute
    {
        get => _inner.BeforeExecute;
        set => _inner.BeforeExecute = value;
    }

    /// <summary>The provider's answer to the n-th question (1-based).</summary>
    public Func<SendMessageAction, int, SendReconciliation> Answer { get; set; } = (_, _) => SendReconciliation.Unknown;

    public IReadOnlyList<OutboundAction> Actions => _inner.Actions;

    public IReadOnlyList<(SendMessageAction Action, DateTimeOffset AttemptedAt)> Questions
    {
        get
        {
            lock (_lock)
            {
                return [.. _questions];
            }
        }
    }

    public Task<string?> ExecuteAsync(OutboundAction action, CancellationToken cancellationToken = default) => _inner.ExecuteAsync(action, cancellationToken);

    public Task<SendReconciliation> ReconcileAsync(SendMessageAction action, DateTimeOffset attemptedAt, CancellationToken cancellationToken = default)
    {
        int count;
        lock (_lock)
        {
            _questions.Add((action, attemptedAt));
            count = _questions.Count;
        }

        return Task.FromResult(Answer(action, count));
    }
}
