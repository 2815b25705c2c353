using Microsoft.Extensions.Options;
using Tapback.Agent;
using Tapback.Gateway.Transports;
using Tapback.Hosting.Network;
using Tapback.Storage;
using Tapback.Transports.Simulator;
using Tapback.Web;

namespace Tapback.Hosting;

/// <summary>
/// Chooses the model at start (so a bad setting fails now, not on the first message) and says what is
/// live once the server listens: transports, store, model, where the dashboard and the simulator page are,
/// and what is open to the network.
/// </summary>
internal sealed partial class StartupReport(
    ActiveChatModel model,
    TransportRegistry transports,
    SimulatorRegistry simulators,
    Database database,
    IOptions<AgentOptions> agentOptions,
    IOptions<SimulatorAccessOptions> simulatorAccess,
    IOptions<ForwardedHeadersSettings> forwarded,
    NetworkExposure exposure,
    IHostApplicationLifetime lifetime,
    ILogger<StartupReport> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var chosen = await model.GetAsync();
        lifetime.ApplicationStarted.Register(() =>
        {
            LogVersion(logger, ProductVersion.Informational);
            foreach (var transport in transports.All)
            {
                LogTransport(logger, transport.Name, transport.Kind);
            }

            LogStore(logger, database.Description);
            LogModel(logger, agentOptions.Value.Enabled ? chosen.Description : "off (Tapback:Agent:Enabled = false)");
            var network = exposure.Current;
            var addresses = network.Addresses;
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

            ReportExposure(network);
        });
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void ReportExposure(NetworkExposureDecision network)
    {
        var proxies = string.Join(", ", forwarded.Value.KnownProxies.Concat(forwarded.Value.KnownNetworks));
        if (!network.OnNetwork)
        {
            var local = string.Join(", ", network.Addresses);
            LogLoopbackOnly(logger, local);
            return;
        }

        var where = network.ReachableAddresses.Count > 0 ? string.Join(", ", network.ReachableAddresses) : $"the proxies {proxies}";
        LogOnNetwork(logger, where);
        if (!simulators.Any)
        {
            LogNoSimulator(logger);
        }
        else if (simulatorAccess.Value.AllowAnonymous)
        {
            LogSimulatorOpen(logger, where);
        }
        else
        {
            LogSimulatorLocked(logger);
        }

        if (forwarded.Value.IsConfigured)
        {
            LogForwardedHeaders(logger, proxies);
        }
        else
        {
            LogNoForwardedHeaders(logger);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Tapback {Version} is running.")]
    private static partial void LogVersion(ILogger logger, string version);

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

    [LoggerMessage(Level = LogLevel.Information, Message = "Tapback listens only on loopback ({Addresses}): nothing is open to the network, and the phone simulator is open to this machine without a credential.")]
    private static partial void LogLoopbackOnly(ILogger logger, string addresses);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tapback is open to the network at {Where}. Open there without a credential: /healthz, /readyz, the dashboard's sign-in page, /auth/exchange (limited per client address) and the transport webhooks (each checks its transport's secret). The dashboard, the admin API, REST, MCP and the agent WebSocket take their credentials.")]
    private static partial void LogOnNetwork(ILogger logger, string where);

    [LoggerMessage(Level = LogLevel.Information, Message = "The phone simulator takes the admin credential on the network (the dashboard's sign-in or Authorization: Bearer); Tapback:Simulator:AllowAnonymous=true would open it.")]
    private static partial void LogSimulatorLocked(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The phone simulator is open to anyone who reaches {Where} (Tapback:Simulator:AllowAnonymous=true): they can text the agent as any phone, on this node's model key, and read every simulator conversation, pairing codes included.")]
    private static partial void LogSimulatorOpen(ILogger logger, string where);

    [LoggerMessage(Level = LogLevel.Information, Message = "No phone simulator is configured, so none is open.")]
    private static partial void LogNoSimulator(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "X-Forwarded-For and X-Forwarded-Proto are believed from {Proxies} (Tapback:ForwardedHeaders), and from no one else.")]
    private static partial void LogForwardedHeaders(ILogger logger, string proxies);

    [LoggerMessage(Level = LogLevel.Information, Message = "No forwarded header is believed (Tapback:ForwardedHeaders is empty): behind a reverse proxy, every client would share the proxy's address; name it in Tapback:ForwardedHeaders:KnownProxies.")]
    private static partial void LogNoForwardedHeaders(ILogger logger);
}
