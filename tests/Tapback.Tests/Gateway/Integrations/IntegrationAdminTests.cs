using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tapback.Tests.AgentLink;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Gateway.Integrations;

/// <summary>The admin API over integrations, behind the admin token.</summary>
public sealed class IntegrationAdminTests : IAsyncLifetime, IDisposable
{
    private const string Phone = "+15551230004";
    private const string AdminToken = "test-admin-token-0123456789abcdef";
    private TapbackTestHost _host = null!;
    private HttpClient _admin = null!;
    private string _token = null!;

    public async Task InitializeAsync()
    {
        _host = await TapbackTestHost.StartAsync(new Dictionary<string, string?> { ["Tapback:Admin:Token"] = AdminToken });
        _admin = new HttpClient { BaseAddress = _host.BaseAddress };
        _admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        _token = await GatewayScript.PairAsync(_host, Phone);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public void Dispose() => _admin?.Dispose();

    [Theory]
    [InlineData(null)]
    [InlineData("wrong")]
    public async Task Admin_WithoutTheAdminToken_Is401ProblemJson(string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/admin/integrations");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task List_ShowsDisconnectedThenConnected()
    {
        var before = await SingleAsync();
        Assert.Equal("disconnected", (string?)before["status"]);
        Assert.Equal(Phone, (string?)before["phone"]);

        var (client, _) = await ScriptedAgentClient.ConnectReadyAsync(_host.BaseAddress, Phone, _token);
        await using var _ = client;

        Assert.Equal("connected", (string?)(await SingleAsync())["status"]);
    }

    [Fact]
    public async Task Patch_RenamesAndStoresSettings()
    {
        var id = (string)(await SingleAsync())["id"]!;

        using var response = await _admin.PatchAsJsonAsync($"/api/admin/integrations/{id}", new
        {
            name = "Support bot",
            settings = new { botName = "Ava", showToolCalls = true, sessionTimeout = "00:30:00", model = "gpt-test", effort = "High" },
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var view = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("Support bot", (string?)view["name"]);
        Assert.Equal("Ava", (string?)view["settings"]!["botName"]);
        Assert.True((bool)view["settings"]!["showToolCalls"]!);
        Assert.Equal("00:30:00", (string?)view["settings"]!["sessionTimeout"]);
        Assert.Equal("high", (string?)view["settings"]!["effort"]);
    }

    [Fact]
    public async Task Patch_BadSettings_Is400NamingTheField()
    {
        var id = (string)(await SingleAsync())["id"]!;

        using var response = await _admin.PatchAsJsonAsync($"/api/admin/integrations/{id}", new { settings = new { effort = "extreme" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("settings.effort", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownIntegration_Is404()
    {
        using var response = await _admin.PostAsync("/api/admin/integrations/int_nope/pause", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Pause_StoresWithoutDelivering_AndResumeDelivers()
    {
        var id = (string)(await SingleAsync())["id"]!;
        var (client, _) = await ScriptedAgentClient.ConnectReadyAsync(_host.BaseAddress, Phone, _token);
        await using var _ = client;

        (await _admin.PostAsync($"/api/admin/integrations/{id}/pause", null)).EnsureSuccessStatusCode();
        Assert.Equal("paused", (string?)(await SingleAsync())["status"]);
        var messageId = await _host.SendAsync(Phone, "while paused");

        Assert.True(await client.IsQuietAsync(TimeSpan.FromMilliseconds(300)));
        Assert.Equal(1, (long)(await SingleAsync())["queuedEvents"]!);
        (await _admin.PostAsync($"/api/admin/integrations/{id}/resume", null)).EnsureSuccessStatusCode();

        Assert.Equal(messageId, (string?)(await client.ReceiveAsync("message.received"))["data"]!["messageId"]);
    }

    [Fact]
    public async Task Resume_WithDiscard_DropsWhatQueuedWhilePaused()
    {
        var id = (string)(await SingleAsync())["id"]!;
        (await _admin.PostAsync($"/api/admin/integrations/{id}/pause", null)).EnsureSuccessStatusCode();
        await _host.SendAsync(Phone, "dropped");

        using var resumed = await _admin.PostAsJsonAsync($"/api/admin/integrations/{id}/resume", new { discardQueued = true });

        Assert.Equal(1, (long)JsonNode.Parse(await resumed.Content.ReadAsStringAsync())!["discardedEvents"]!);
        var (client, connected) = await ScriptedAgentClient.ConnectReadyAsync(_host.BaseAddress, Phone, _token);
        await using var _ = client;
        Assert.Equal(0, (long)connected["data"]!["queuedCount"]!);
    }

    [Fact]
    public async Task Delete_RevokesTheToken_ClosesTheSocketWith4000_AndCanPurgeHistory()
    {
        var id = (string)(await SingleAsync())["id"]!;
        var (client, _) = await ScriptedAgentClient.ConnectReadyAsync(_host.BaseAddress, Phone, _token);
        await using var _ = client;
        await using (var seed = await _host.Services.GetRequiredService<Tapback.Storage.Database>().OpenAsync())
        {
            // What the built-in agent may have kept from before the pairing: all of it goes too.
            await Dapper.SqlMapper.ExecuteAsync(seed, """
                INSERT INTO sessions (id, conversation_id, starts_after_seq, started_at) SELECT 'ses_purge', id, 0, 0 FROM conversations WHERE handle = @Phone;
                INSERT INTO summaries (id, session_id, conversation_id, upto_seq, turn_count, body, created_at) SELECT 'sum_purge', 'ses_purge', id, 1, 1, 'kept', 0 FROM conversations WHERE handle = @Phone;
                INSERT INTO agent_errors (conversation_id, session_id, kind, detail, at) SELECT id, 'ses_purge', 'model_error', 'x', 0 FROM conversations WHERE handle = @Phone;
                """, new { Phone });
        }

        using var deleted = await _admin.DeleteAsync($"/api/admin/integrations/{id}?purgeHistory=true");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal((WebSocketCloseStatus)4000, await client.WaitForCloseAsync());
        await Assert.ThrowsAsync<WebSocketException>(() => ScriptedAgentClient.ConnectAsync(_host.BaseAddress, Phone, _token));
        Assert.Empty(await _admin.GetFromJsonAsync<List<JsonObject>>("/api/admin/integrations") ?? []);
        await using var connection = await _host.Services.GetRequiredService<Tapback.Storage.Database>().OpenAsync();
        Assert.Equal(0, await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, "SELECT count(*) FROM conversations WHERE handle = @Phone", new { Phone }));
    }

    [Fact]
    public async Task Queue_OverItsBound_DropsTheOldestAndSaysSoInTheApiAndTheLog()
    {
        var logs = new CollectingLoggerProvider();
        await using var host = await TapbackTestHost.StartAsync(
            new Dictionary<string, string?> { ["Tapback:Admin:Token"] = AdminToken, ["Tapback:Gateway:Queue:MaxEvents"] = "2" },
            services: services => services.AddSingleton<ILoggerProvider>(logs));
        using var admin = new HttpClient { BaseAddress = host.BaseAddress };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        var token = await GatewayScript.PairAsync(host, Phone);
        await host.SendAsync(Phone, "one");
        var two = await host.SendAsync(Phone, "two");
        await host.SendAsync(Phone, "three");

        host.Time.Advance(TimeSpan.FromMinutes(1));
        await GatewayScript.EventuallyAsync(async () =>
            (long)(await admin.GetFromJsonAsync<List<JsonObject>>("/api/admin/integrations"))![0]["droppedEvents"]! == 1);

        // The trimmer logs after its COMMIT, so the API may show the drop a moment before the log does.
        await GatewayScript.EventuallyAsync(() => Task.FromResult(
            logs.Entries.Any(entry => entry.Level == LogLevel.Warning && entry.Message.Contains("Dropped 1 undelivered event", StringComparison.Ordinal))));
        var (client, connected) = await ScriptedAgentClient.ConnectReadyAsync(host.BaseAddress, Phone, token);
        await using var _ = client;
        Assert.Equal(2, (long)connected["data"]!["queuedCount"]!);
        Assert.Equal(two, (string?)(await client.ReceiveAsync())["data"]!["messageId"]);
    }

    [Fact]
    public async Task AdminToken_WhenNoneIsConfigured_IsGeneratedPrintedOnceAndWorksAfterARestart()
    {
        var logs = new CollectingLoggerProvider();
        var dataDirectory = Directory.CreateTempSubdirectory("tapback-admin-").FullName;
        string token;
        await using (var first = await TapbackTestHost.StartAsync(dataDirectory: dataDirectory, services: services => services.AddSingleton<ILoggerProvider>(logs)))
        {
            var line = Assert.Single(logs.Entries, entry => entry.Message.Contains("Generated the admin token", StringComparison.Ordinal));
            token = line.Message.Split(' ').Single(word => word.StartsWith("tba_", StringComparison.Ordinal));
        }

        var again = new CollectingLoggerProvider();
        await using var second = await TapbackTestHost.StartAsync(dataDirectory: dataDirectory, services: services => services.AddSingleton<ILoggerProvider>(again));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/admin/integrations");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await second.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(again.Entries, entry => entry.Message.Contains(token, StringComparison.Ordinal));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    private async Task<JsonObject> SingleAsync() =>
        Assert.Single(await _admin.GetFromJsonAsync<List<JsonObject>>("/api/admin/integrations") ?? []);
}
