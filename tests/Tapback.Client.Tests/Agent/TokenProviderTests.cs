using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using Tapback.Tests.Infrastructure;

namespace Tapback.Client.Tests.Agent;

/// <summary>A token provider's failures: an HTTP one is a failed attempt retried after the backoff, any other ends the client with it.</summary>
public sealed class TokenProviderTests
{
    [Fact]
    public async Task EventsAsync_TokenProviderFailsOverHttpThenOtherwise_RetriesOnTheClockThenThrows()
    {
        var calls = 0;
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero)) { AutoAdvanceAmount = TimeSpan.Zero };
        await using var agent = new TapbackAgentClient(new()
        {
            Gateway = LoopbackPorts.Closed(),
            Phone = "+15551230007",
            TokenProvider = Token,
            TimeProvider = time,
            Jitter = () => 0.5,
        });
        var seen = new ConcurrentQueue<TapbackEvent>();
        var reading = Task.Run(async () =>
        {
            await foreach (var received in agent.EventsAsync())
            {
                seen.Enqueue(received);
            }
        });
        await Waits.UntilAsync(() => Task.FromResult(!seen.IsEmpty));
        var first = Assert.IsType<DisconnectedEvent>(Assert.Single(seen));
        Assert.Equal(TimeSpan.FromMilliseconds(500), first.RetryIn);
        Assert.Equal(1, Volatile.Read(ref calls));

        time.Advance(first.RetryIn);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => reading.WaitAsync(Waits.HangGuard));
        Assert.Equal("set a code", error.Message);
        Assert.Equal(2, Volatile.Read(ref calls));

        ValueTask<string> Token(CancellationToken cancellationToken) => Interlocked.Increment(ref calls) == 1
            ? ValueTask.FromException<string>(new HttpRequestException("the gateway is starting"))
            : ValueTask.FromException<string>(new InvalidOperationException("set a code"));
    }
}
