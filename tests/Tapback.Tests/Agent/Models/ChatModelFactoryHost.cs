using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tapback.Agent;
using Tapback.Agent.Models;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Agent.Models;

/// <summary>
/// Builds <see cref="ChatModelFactory"/> the way the app does (DI, options bound from configuration)
/// from in-memory settings. OLLAMA_HOST defaults to a closed loopback port so no test finds a real
/// Ollama on the machine.
/// </summary>
internal sealed class ChatModelFactoryHost : IDisposable
{
    private readonly List<ServiceProvider> _providers = [];

    public CollectingLoggerProvider Logs { get; } = new();

    public ChatModelFactory Create(params (string Key, string? Value)[] settings)
    {
        var values = settings.ToDictionary(setting => setting.Key, setting => setting.Value);
        values.TryAdd("OLLAMA_HOST", LoopbackPorts.Closed().AbsoluteUri);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
        services.AddOptions<AgentOptions>().Bind(configuration.GetSection(AgentOptions.SectionName));
        services.AddChatModels();
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider.GetRequiredService<ChatModelFactory>();
    }

    public void Dispose()
    {
        foreach (var provider in _providers)
        {
            provider.Dispose();
        }
    }
}
