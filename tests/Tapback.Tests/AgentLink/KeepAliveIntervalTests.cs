using Tapback.AgentLink;

namespace Tapback.Tests.AgentLink;

/// <summary>
/// The runtime's WebSocket sends an owed ping only on its heartbeat (a quarter of the shorter of its
/// interval and timeout); the interval Tapback hands it must make the latest ping land on the
/// documented interval, not a heartbeat after it.
/// </summary>
public sealed class KeepAliveIntervalTests
{
    [Theory]
    [InlineData(30, 30)]
    [InlineData(30, 10)]
    [InlineData(60, 10)]
    [InlineData(10, 60)]
    [InlineData(1, 1)]
    public void RuntimeKeepAliveInterval_PlusTheRuntimesHeartbeat_IsTheDocumentedInterval(int intervalSeconds, int timeoutSeconds)
    {
        var options = new AgentLinkOptions
        {
            KeepAliveInterval = TimeSpan.FromSeconds(intervalSeconds),
            KeepAliveTimeout = TimeSpan.FromSeconds(timeoutSeconds),
        };

        var runtime = options.RuntimeKeepAliveInterval;
        var heartbeat = TimeSpan.FromTicks(Math.Min(runtime.Ticks, options.KeepAliveTimeout.Ticks) / 4);

        Assert.Equal(options.KeepAliveInterval, runtime + heartbeat);
        Assert.True(runtime >= options.KeepAliveInterval * 0.75, $"{runtime} pings far earlier than asked");
    }
}
