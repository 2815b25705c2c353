using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Tapback.Storage;
using Tapback.Tests.AgentLink;
using Tapback.Tests.AgentLink.Rest;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Gateway.Integrations.Credentials;

/// <summary>API keys: made by the operator, shown once, accepted wherever the integration token is, revocable.</summary>
public sealed class ApiKeyTests : IAsyncLifetime, IDisposable
{
    private const string Phone = "+15551250001";
    private const string OtherPhone = "+15551250002";
    private const string AdminToken = "test-admin-token-0123456789abcdef";
    private static readonly string[] MessageReceived = ["message.received"];
    private TapbackTestHost _host = null!;
    private HttpClient _admin = null!;
    private string _token = null!;
    private string _integrationId = null!;

    public async Task InitializeAsync()
    {
        _host = await TapbackTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Tapback:Admin:Token"] = AdminToken,
            ["Tapback:Webhooks:AllowPrivateUrls"] = "true",
        });
        _admin = new HttpClient { BaseAddress = _host.BaseAddress };
        _admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        _token = await GatewayScript.PairAsync(_host, Phone);
        _integrationId = await IntegrationIdAsync(Phone);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public void Dispose() => _admin?.Dispose();

    [Fact]
    public async Task Create_ForAnIntegration_Returns201WithTheKeyShownOnlyThere()
    {
        var created = await CreateKeyAsync("billing bot");

        var key = (string)created["key"]!;
        Assert.StartsWith("tbk_key_", key, StringComparison.Ordinal);
        Assert.StartsWith((string)created["prefix"]!, key, StringComparison.Ordinal);
        Assert.Equal("billing bot", (string?)created["name"]);
        var listed = Assert.Single(await ListKeysAsync())!;
        Assert.Equal((string?)created["id"], (string?)listed["id"]);
        Assert.Equal((string?)created["prefix"], (string?)listed["prefix"]);
        Assert.NotNull(listed["createdAt"]);
        Assert.Null(listed["key"]);
        Assert.Null(listed["lastUsedAt"]);
    }

    [Fact]
    public async Task ApiKey_OnRestAndWebhooks_ActsAsItsIntegrationAndNotesLastUse()
    {
        var key = (string)(await CreateKeyAsync("rest"))["key"]!;
        using var client = RestFixture.ClientFor(_host, key);

        var (conversations, _) = await RestFixture.GetAsync(client, "/v2/conversations");
        var (webhook, _) = await RestFixture.PostAsync(client, "/v2/webhooks", new { url = "http://127.0.0.1:9/hook", events = MessageReceived });

        Assert.Equal(HttpStatusCode.OK, conversations.StatusCode);
        Assert.Equal(HttpStatusCode.Created, webhook.StatusCode);
        using var withToken = RestFixture.ClientFor(_host, _token);
        var (_, list) = await RestFixture.GetAsync(withToken, "/v2/webhooks");
        Assert.Single(list!["data"]!.AsArray());
        Assert.Equal(_host.Time.GetUtcNow(), (DateTimeOffset)Assert.Single(await ListKeysAsync())!["lastUsedAt"]!);
    }

    [Fact]
    public async Task ApiKey_OnTheWebSocketOfItsPhone_Connects()
    {
        var key = (string)(await CreateKeyAsync("socket"))["key"]!;

        var (client, connected) = await ScriptedAgentClient.ConnectReadyAsync(_host.BaseAddress, Phone, key);
        await using var _ = client;

        Assert.Equal("connected", (string?)connected["type"]);
    }

    [Fact]
    public async Task Credential_OfAnotherPhone_OnTheWebSocket_Is401()
    {
        var otherToken = await GatewayScript.PairAsync(_host, OtherPhone);

        var error = await Assert.ThrowsAsync<WebSocketException>(() => ScriptedAgentClient.ConnectAsync(_host.BaseAddress, Phone, otherToken));

        Assert.Contains("401", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoke_ThenUse_Is401()
    {
        var created = await CreateKeyAsync("short-lived");
        using var client = RestFixture.ClientFor(_host, (string)created["key"]!);
        Assert.Equal(HttpStatusCode.OK, (await RestFixture.GetAsync(client, "/v2/conversations")).Response.StatusCode);

        using var revoked = await _admin.DeleteAsync($"/api/admin/integrations/{_integrationId}/api-keys/{(string)created["id"]!}");
        var (response, body) = await RestFixture.GetAsync(client, "/v2/conversations");

        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
        Assert.Contains("revoked", (string?)body!["detail"], StringComparison.Ordinal);
        Assert.Empty(await ListKeysAsync());
    }

    [Fact]
    public async Task ApiKey_WithTheRightPrefixAndAWrongSecret_Is401()
    {
        var key = (string)(await CreateKeyAsync("real"))["key"]!;
        var forged = key[..^4] + (key.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
        using var client = RestFixture.ClientFor(_host, forged);

        var (response, _) = await RestFixture.GetAsync(client, "/v2/conversations");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Create_ForAnUnknownIntegration_Is404()
    {
        using var response = await _admin.PostAsJsonAsync("/api/admin/integrations/int_nope/api-keys", new { name = "x" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Create_WithAnEmptyName_Is400NamingTheField()
    {
        using var response = await _admin.PostAsJsonAsync($"/api/admin/integrations/{_integrationId}/api-keys", new { name = " " });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(body["errors"]!["name"]);
    }

    [Fact]
    public async Task Create_WithoutTheAdminToken_Is401()
    {
        using var response = await _host.Client.PostAsJsonAsync($"/api/admin/integrations/{_integrationId}/api-keys", new { name = "x" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task DeleteIntegration_RemovesItsApiKeysAndWebhooks()
    {
        var key = (string)(await CreateKeyAsync("doomed"))["key"]!;
        using var client = RestFixture.ClientFor(_host, key);
        Assert.Equal(HttpStatusCode.Created, (await RestFixture.PostAsync(client, "/v2/webhooks", new { url = "http://127.0.0.1:9/hook", events = MessageReceived })).Response.StatusCode);

        (await _admin.DeleteAsync($"/api/admin/integrations/{_integrationId}")).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.Unauthorized, (await RestFixture.GetAsync(client, "/v2/conversations")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.GetAsync($"/api/admin/integrations/{_integrationId}/api-keys")).StatusCode);
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM api_keys"));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM webhook_subscriptions WHERE deleted_at IS NULL"));
    }

    [Fact]
    public async Task PairingAgain_RevokesTheOldApiKeysAndStartsWithoutWebhooks()
    {
        var key = (string)(await CreateKeyAsync("old"))["key"]!;
        using var old = RestFixture.ClientFor(_host, key);
        await RestFixture.PostAsync(old, "/v2/webhooks", new { url = "http://127.0.0.1:9/hook", events = MessageReceived });

        var newToken = await GatewayScript.PairAsync(_host, Phone);

        Assert.Equal(HttpStatusCode.Unauthorized, (await RestFixture.GetAsync(old, "/v2/conversations")).Response.StatusCode);
        using var fresh = RestFixture.ClientFor(_host, newToken);
        var (_, list) = await RestFixture.GetAsync(fresh, "/v2/webhooks");
        Assert.Empty(list!["data"]!.AsArray());
        Assert.Empty(await _admin.GetFromJsonAsync<JsonArray>($"/api/admin/integrations/{await IntegrationIdAsync(Phone)}/api-keys") ?? []);
    }

    [Fact]
    public async Task Revoke_AnotherIntegrationsKeyUnderThisIntegration_Is404AndTheKeyKeepsWorking()
    {
        await GatewayScript.PairAsync(_host, OtherPhone);
        var otherId = await IntegrationIdAsync(OtherPhone);
        using var created = await _admin.PostAsJsonAsync($"/api/admin/integrations/{otherId}/api-keys", new { name = "theirs" });
        var theirs = JsonNode.Parse(await created.Content.ReadAsStringAsync())!;

        using var revoke = await _admin.DeleteAsync($"/api/admin/integrations/{_integrationId}/api-keys/{(string)theirs["id"]!}");

        Assert.Equal(HttpStatusCode.NotFound, revoke.StatusCode);
        using var client = RestFixture.ClientFor(_host, (string)theirs["key"]!);
        Assert.Equal(HttpStatusCode.OK, (await RestFixture.GetAsync(client, "/v2/conversations")).Response.StatusCode);
    }

    private async Task<JsonNode> CreateKeyAsync(string name)
    {
        using var response = await _admin.PostAsJsonAsync($"/api/admin/integrations/{_integrationId}/api-keys", new { name });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private async Task<JsonArray> ListKeysAsync() =>
        (await _admin.GetFromJsonAsync<JsonArray>($"/api/admin/integrations/{_integrationId}/api-keys"))!;

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = await _host.Services.GetRequiredService<Database>().OpenAsync();
        return await connection.ExecuteScalarAsync<long>(sql);
    }

    private async Task<string> IntegrationIdAsync(string phone)
    {
        var all = await _admin.GetFromJsonAsync<JsonArray>("/api/admin/integrations");
        return (string)all!.Single(i => (string?)i!["phone"] == phone)!["id"]!;
    }
}
