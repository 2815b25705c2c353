using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Gateway.Integrations.Credentials;

/// <summary>What an operator does with the admin API: find an integration, make and revoke its API keys, delete it.</summary>
internal sealed class AdminScript(TapbackTestHost host) : IDisposable
{
    public const string Token = "test-admin-token-0123456789abcdef";

    /// <summary>The setting that turns the admin API on with <see cref="Token"/>.</summary>
    public static KeyValuePair<string, string?> Setting { get; } = new("Tapback:Admin:Token", Token);

    public HttpClient Client { get; } = new() { BaseAddress = host.BaseAddress, DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", Token) } };

    public async Task<string> IntegrationIdAsync(string phone)
    {
        var integrations = await Client.GetFromJsonAsync<JsonArray>("/api/admin/integrations");
        return (string)integrations!.Single(integration => (string?)integration!["phone"] == phone)!["id"]!;
    }

    /// <summary>A new API key of the integration: its id and the key itself.</summary>
    public async Task<(string Id, string Key)> CreateKeyAsync(string integrationId, string name = "test")
    {
        using var response = await Client.PostAsJsonAsync($"/api/admin/integrations/{integrationId}/api-keys", new { name });
        response.EnsureSuccessStatusCode();
        var created = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return ((string)created["id"]!, (string)created["key"]!);
    }

    public Task<HttpResponseMessage> RevokeKeyAsync(string integrationId, string keyId) =>
        Client.DeleteAsync($"/api/admin/integrations/{integrationId}/api-keys/{keyId}");

    public Task<HttpResponseMessage> DeleteAsync(string integrationId) =>
        Client.DeleteAsync($"/api/admin/integrations/{integrationId}");

    public void Dispose() => Client.Dispose();
}
