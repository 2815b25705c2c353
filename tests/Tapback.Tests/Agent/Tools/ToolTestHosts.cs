using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Tapback.Storage;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Agent.Tools;

/// <summary>Tapback on a scripted fake OpenAI model, for the tool, approval and question tests.</summary>
internal static class ToolTestHosts
{
    public const string Phone = "+15551230000";

    public static Task<TapbackTestHost> StartAsync(FakeOpenAIServer model, IDictionary<string, string?>? settings = null) =>
        TapbackTestHost.StartWithModelAsync(model, settings);

    /// <summary>
    /// The built-in tools a turn on the simulator is offered, in order: <c>style_answer</c> only if the
    /// simulator carries inline replies or effects.
    /// </summary>
    public static IReadOnlyList<string> SimulatorBuiltInTools(TapbackTestHost host)
    {
        var capabilities = host.Services.GetRequiredService<Tapback.Gateway.Transports.TransportRegistry>().CapabilitiesOf("simulator");
        return capabilities.Replies || capabilities.Effects ? ["react", "style_answer", "current_time", "ask_user"] : ["react", "current_time", "ask_user"];
    }

    /// <summary>The agent's bubbles the phone received, in order.</summary>
    public static IReadOnlyList<PhoneEventDto> Bubbles(IEnumerable<PhoneEventDto> events) =>
        [.. events.Where(e => e.Type == "message.received")];

    public static async Task<IReadOnlyList<T>> QueryAsync<T>(TapbackTestHost host, string sql)
    {
        await using var connection = await host.Services.GetRequiredService<Database>().OpenAsync();
        return [.. await connection.QueryAsync<T>(sql)];
    }
}
