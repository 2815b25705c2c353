using Microsoft.Extensions.Time.Testing;
using Tapback.Tests.Infrastructure;

namespace Tapback.Client.Tests.Infrastructure;

/// <summary>
/// A real Tapback that can stop and start again on the same data directory and address, as after a
/// deploy; and an agent's own fake clock, advanced beside the gateway's so reconnect backoffs pass.
/// </summary>
internal sealed class RestartableGateway : IAsyncDisposable
{
    private readonly string _dataDirectory;

    private RestartableGateway(string dataDirectory, TapbackTestHost host)
    {
        _dataDirectory = dataDirectory;
        Host = host;
        Address = host.BaseAddress;
    }

    public TapbackTestHost Host { get; private set; }

    public Uri Address { get; }

    public FakeTimeProvider ClientTime { get; } = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero)) { AutoAdvanceAmount = TimeSpan.Zero };

    public static async Task<RestartableGateway> StartAsync()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("tapback-sdk-restart-").FullName;
        return new RestartableGateway(dataDirectory, await TapbackTestHost.StartAsync(dataDirectory: dataDirectory));
    }

    public async Task StopAsync() => await Host.DisposeAsync();

    public async Task StartAgainAsync() =>
        Host = await TapbackTestHost.StartAsync(new Dictionary<string, string?> { ["urls"] = Address.ToString() }, dataDirectory: _dataDirectory);

    /// <summary>Moves both clocks (the agent's a second a step) until <paramref name="condition"/> holds.</summary>
    public Task AdvanceBothUntilAsync(Func<Task<bool>> condition) => Waits.UntilAsync(condition, () =>
    {
        ClientTime.Advance(TimeSpan.FromSeconds(1));
        Host.Time.Advance(TimeSpan.FromMilliseconds(100));
    });

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await TestStore.DropAsync(_dataDirectory);
        Directory.Delete(_dataDirectory, recursive: true);
    }
}
