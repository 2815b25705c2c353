using Tapback.Gateway.Conversations;
using Tapback.Gateway.Outbox;
using Tapback.Gateway.Transports;
using Tapback.Messaging;

namespace Tapback.Agent.Turns;

/// <summary>On transports whose indicator fades, re-sends "typing" while the model thinks.</summary>
internal sealed class TypingKeepAlive(OutboxWriter outbox, TimeProvider time)
{
    /// <summary>Starts the refreshes; disposing the timer (or cancelling) stops them. Null where the transport needs none.</summary>
    public PeriodicTimer? Start(Conversation conversation, TransportCapabilities capabilities, string turnKey, CancellationToken cancellationToken)
    {
        if (!capabilities.Typing || capabilities.TypingRefreshInterval is not { } interval)
        {
            return null;
        }

        var timer = new PeriodicTimer(interval, time);
        _ = KeepTypingAsync(timer, conversation, turnKey, cancellationToken);
        return timer;
    }

    private async Task KeepTypingAsync(PeriodicTimer timer, Conversation conversation, string turnKey, CancellationToken cancellationToken)
    {
        try
        {
            for (var tick = 1; await timer.WaitForNextTickAsync(cancellationToken); tick++)
            {
                await outbox.WriteAsync(conversation, [AgentAction.Typing($"{turnKey}:typing:alive:{tick}", on: true)], cancellationToken: cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }
}
