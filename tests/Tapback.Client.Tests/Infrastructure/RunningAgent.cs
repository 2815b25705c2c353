using System.Collections.Concurrent;

namespace Tapback.Client.Tests.Infrastructure;

/// <summary>An agent client running its handler loop in the background, recording every event it handed over.</summary>
internal sealed class RunningAgent : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();

    public RunningAgent(TapbackAgentClient client, Func<TapbackEvent, CancellationToken, Task>? handler = null)
    {
        Client = client;
        Run = client.RunAsync(
            async (received, cancellationToken) =>
            {
                Events.Enqueue(received);
                if (handler is not null)
                {
                    await handler(received, cancellationToken);
                }
            },
            _stop.Token);
    }

    public TapbackAgentClient Client { get; }

    public Task Run { get; }

    public ConcurrentQueue<TapbackEvent> Events { get; } = new();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await Run;
        }
        catch (TapbackReplacedException)
        {
        }

        await Client.DisposeAsync();
        _stop.Dispose();
    }
}
