using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Tapback.Agent;
using Tapback.Gateway.Transports;
using Tapback.Storage;
using Tapback.Transports.Simulator;

namespace Tapback.Hosting;

/// <summary>
/// Chooses the model at start (so a bad setting fails now, not on the first message) and says what is
/// live once the server listens: transports, store, model, and where the dashboard and the simulator page are.
/// </summary>
internal sealed partial class StartupReport(
    ActiveChatModel model,
    TransportRegistry transports,
    SimulatorRegistry simulators,
    Database database,
    IOptions<AgentOptions> agentOptions,
    IServer server,
    IHostApplicationLifetime lifetime,
    ILogger<StartupReport> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var chosen = await model.GetAsync();
        lifetime.ApplicationStarted.Register(() =>
        {
            foreach (var transport in transports.All)
            {
                LogTransport(logger, transport.Name, transport.Kind);
            }

            LogStore(logger, database.Description);
            LogModel(logger, agentOptions.Value.Enabled ? chosen.Description : "off (Tapback:Agent:Enabled = false)");
            var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            foreach (var address in addresses)
            {
                var dashboard = $"{address.TrimEnd('/')}/";
                LogDashboard(logger, dashboard);
            }

            if (simulators.Any)
            {
                foreach (var address in addresses)
                {
                    var page = $"{address.TrimEnd('/')}/simulator";
                    LogSimulator(logger, page);
                }
            }
        });
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Transport {Name} ({Kind}) is live.")]
    private static partial void LogTransport(ILogger logger, string name, string kind);

    [LoggerMessage(Level = LogLevel.Information, Message = "Store: {Store}.")]
    private static partial void LogStore(ILogger logger, string store);

    [LoggerMessage(Level = LogLevel.Information, Message = "Built-in agent model: {Model}.")]
    private static partial void LogModel(ILogger logger, string model);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dashboard (sign in with the admin token): {Url}")]
    private static partial void LogDashboard(ILogger logger, string url);

    [LoggerMessage(Level = LogLevel.Information, Message = "Phone simulator: {Url}")]
    private static partial void LogSimulator(ILogger logger, string url);
}
