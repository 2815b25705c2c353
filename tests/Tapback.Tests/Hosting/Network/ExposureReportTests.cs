using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tapback.Tests.Dashboard;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Hosting.Network;

/// <summary>At start Tapback says what is open to the network, read from the addresses it really bound.</summary>
public sealed class ExposureReportTests
{
    [Fact]
    public async Task Start_LoopbackOnly_SaysNothingIsOpenToTheNetwork()
    {
        var lines = await StartupLinesAsync(network: false);

        Assert.Contains(lines, line => line.Level == LogLevel.Information && line.Message.Contains("listens only on loopback (http://127.0.0.1:", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.Message.Contains("open to the network at", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_OnEveryAddress_WarnsWhatIsOpenAndThatTheSimulatorTakesTheCredential()
    {
        var lines = await StartupLinesAsync(network: true);

        Assert.Contains(lines, line => line.Level == LogLevel.Warning && line.Message.Contains("open to the network at http://0.0.0.0:", StringComparison.Ordinal)
            && line.Message.Contains("/auth/exchange", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Message.Contains("simulator takes the admin credential on the network", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Message.Contains("No forwarded header is believed", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.Message.Contains("listens only on loopback", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_OnEveryAddressWithAllowAnonymous_WarnsTheSimulatorIsOpenToAnyone()
    {
        var lines = await StartupLinesAsync(network: true, new() { ["Tapback:Simulator:AllowAnonymous"] = "true" });

        Assert.Contains(lines, line => line.Level == LogLevel.Warning
            && line.Message.Contains("simulator is open to anyone who reaches http://0.0.0.0:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_BehindADeclaredProxy_NamesTheProxy()
    {
        var lines = await StartupLinesAsync(network: false, new() { ["Tapback:ForwardedHeaders:KnownProxies:0"] = "127.0.0.1" });

        Assert.Contains(lines, line => line.Message.Contains("open to the network at the proxies 127.0.0.1", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Message.Contains("believed from 127.0.0.1", StringComparison.Ordinal));
    }

    private static async Task<IReadOnlyList<(LogLevel Level, string Message)>> StartupLinesAsync(bool network, Dictionary<string, string?>? extra = null)
    {
        var logs = new CollectingLoggerProvider();
        var settings = DashboardClient.Settings();
        settings["Logging:LogLevel:Tapback.Hosting.StartupReport"] = "Information";
        if (network)
        {
            settings["urls"] = "http://0.0.0.0:0";
        }

        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        await using var host = await TapbackTestHost.StartAsync(settings, services: services => services.AddSingleton<ILoggerProvider>(logs));
        return logs.Entries;
    }
}
