using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Tapback.AgentLink.Client;
using Tapback.Messaging;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.AgentLink.Client;

/// <summary>The remote-agent client against real gateways on loopback, on fake clocks.</summary>
public sealed class RemoteGatewayClientTests
{
    private const string Phone = "+15551234567";

    [Fact]
    public async Task ExecuteAsync_GatewayRefuses_ReconnectsOnlyAsTheFakeClockPassesEachBackoff()
    {
        await using var gateway = new RefusingGateway();
        await gateway.StartAsync();
        // Jitter just under 1: each wait is just under its ceiling, so the schedule is visible.
        var logs = new CollectingLoggerProvider();
        var settings = AgentSettings(gateway.BaseUrl, token: "tbk_test");
        settings["Logging:LogLevel:Tapback.AgentLink.Client"] = "Information";
        await using var agent = await TapbackTestHost.StartAsync(
            settings,
            services: services => services.AddSingleton<IJitter>(new ScriptedJitter(0.999)).AddSingleton<ILoggerProvider>(logs));

        var client = agent.Services.GetRequiredService<RemoteGatewayClient>();
        await GatewayScript.EventuallyAsync(() => Task.FromResult(gateway.Attempts == 1));
        foreach (var (ceiling, attempts) in new[] { (1, 2), (2, 3), (4, 4), (8, 5) })
        {
            // Move the clock only once the wait is on it (the log line comes just before; waiting for
            // the line alone raced the timer's start).
            await GatewayScript.EventuallyAsync(() => Task.FromResult(client.Backoffs == attempts - 1));
            Assert.Equal(attempts - 1, logs.Entries.Count(entry => entry.Message.StartsWith("Reconnecting to the remote gateway", StringComparison.Ordinal)));
            agent.Time.Advance(TimeSpan.FromSeconds(ceiling * 0.9));

            // A fake-clock wait cannot end before its time, so no attempt can have started.
            Assert.Equal(attempts - 1, gateway.Attempts);

            agent.Time.Advance(TimeSpan.FromSeconds(ceiling * 0.1));
            await GatewayScript.EventuallyAsync(() => Task.FromResult(gateway.Attempts == attempts));
        }
    }

    [Fact]
    public async Task ExecuteAsync_PhoneTextsTheGateway_AgentAnswersThroughTheSocket()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero)) { AutoAdvanceAmount = TimeSpan.Zero };
        await using var gateway = await TapbackTestHost.StartAsync(time: time);
        var code = await GatewayScript.RequestCodeAsync(gateway, Phone);
        await using var agent = await TapbackTestHost.StartAsync(AgentSettings(gateway.BaseAddress, code: code), time: time);
        var client = agent.Services.GetRequiredService<RemoteGatewayClient>();
        await GatewayScript.EventuallyAsync(() => Task.FromResult(client.Connections == 1));

        await gateway.SendAsync(Phone, "hello", eventId: "evt-remote-1");
        await gateway.AdvanceUntilAsync(async () => (await gateway.EventsAsync(Phone)).Any(IsAgentBubble));
        await gateway.AdvanceUntilAsync(async () => await agent.IsIdleAsync() && await gateway.IsIdleAsync());

        var events = await gateway.EventsAsync(Phone);
        Assert.Contains(events, e => e.Type == "read");
        Assert.Contains(events, IsAgentBubble);
        Assert.True(File.Exists(Path.Combine(agent.DataDirectory, GatewayTokenStore.FileName)));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(agent.DataDirectory, GatewayTokenStore.FileName)));
        }
    }

    [Fact]
    public async Task ExecuteAsync_PhonePairedAgain_StopsAfter4000AndNeverReconnects()
    {
        await using var gateway = await TapbackTestHost.StartAsync();
        var token = await GatewayScript.PairAsync(gateway, Phone);
        await using var agent = await TapbackTestHost.StartAsync(AgentSettings(gateway.BaseAddress, token: token));
        var client = agent.Services.GetRequiredService<RemoteGatewayClient>();
        await GatewayScript.EventuallyAsync(() => Task.FromResult(client.Connections == 1));

        await GatewayScript.PairAsync(gateway, Phone);
        await GatewayScript.EventuallyAsync(() => Task.FromResult(client.Replaced));
        agent.Time.Advance(TimeSpan.FromMinutes(10));

        // Once the client's loop has ended nothing can connect again: wait for that, not a fixed time.
        await GatewayScript.EventuallyAsync(() => Task.FromResult(client.ExecuteTask!.IsCompleted));
        Assert.True(client.ExecuteTask!.IsCompletedSuccessfully);
        Assert.Equal(1, client.Connections);
    }

    [Fact]
    public async Task ExecuteAsync_IntegrationHasSettings_AgentAppliesThemToItsTurns()
    {
        await using var model = new FakeOpenAIServer { ApiKey = "k" };
        await model.StartAsync();
        const string adminToken = "remote-gateway-admin-token-0123456789";
        await using var gateway = await TapbackTestHost.StartAsync(new Dictionary<string, string?> { ["Tapback:Admin:Token"] = adminToken });
        var token = await GatewayScript.PairAsync(gateway, Phone);
        using var admin = new HttpClient { BaseAddress = gateway.BaseAddress };
        admin.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", adminToken);
        var integrations = await admin.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/admin/integrations");
        var id = integrations[0].GetProperty("id").GetString();
        using var patched = await admin.PatchAsJsonAsync($"/api/admin/integrations/{id}", new { settings = new { botName = "Ava", model = "gpt-override", effort = "high" } });
        patched.EnsureSuccessStatusCode();

        var settings = AgentSettings(gateway.BaseAddress, token: token);
        settings["Tapback:Agent:Provider"] = "openai";
        settings["Tapback:Agent:BaseUrl"] = model.BaseUrl.ToString();
        settings["Tapback:Agent:ApiKey"] = "k";
        settings["Tapback:Agent:Model"] = "gpt-default";
        await using var agent = await TapbackTestHost.StartAsync(settings);
        var client = agent.Services.GetRequiredService<RemoteGatewayClient>();
        await GatewayScript.EventuallyAsync(() => Task.FromResult(client.Connections == 1));

        await gateway.SendAsync(Phone, "who are you?");
        await agent.AdvanceUntilAsync(() => Task.FromResult(model.RequestCount == 1));

        var request = Assert.Single(model.Requests);
        Assert.Equal("gpt-override", request.Model);
        Assert.Contains("\"reasoning_effort\":\"high\"", request.RawJson, StringComparison.Ordinal);
        Assert.Contains("Your name is Ava.", request.System, StringComparison.Ordinal);
    }

    internal static bool IsAgentBubble(PhoneEventDto e) =>
        e.Type == "message.received" && !e.Text!.Contains("setup code", StringComparison.Ordinal);

    private static Dictionary<string, string?> AgentSettings(Uri gateway, string? token = null, string? code = null) => new()
    {
        ["Tapback:Agent:Gateway:Url"] = gateway.ToString(),
        ["Tapback:Agent:Gateway:Phone"] = Phone,
        ["Tapback:Agent:Gateway:Token"] = token,
        ["Tapback:Agent:Gateway:Code"] = code,
    };
}
