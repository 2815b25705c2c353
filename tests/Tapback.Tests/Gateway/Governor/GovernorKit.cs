using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Tapback.Storage;
using Tapback.Tests.AgentLink;
using Tapback.Tests.AgentLink.Rest;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Gateway.Governor;

/// <summary>
/// A Tapback whose simulator is governed (<c>ApplyToSimulator</c>), every limit off but the ones a
/// test sets, with one paired phone, its integration's REST client and an operator's admin client.
/// </summary>
internal sealed class GovernorKit : IAsyncDisposable
{
    public const string Phone = "+15551230077";
    public const string AdminToken = "governor-tests-admin-token-0123456789";

    private GovernorKit(TapbackTestHost host, HttpClient api, HttpClient admin, string token)
    {
        Host = host;
        Api = api;
        Admin = admin;
        Token = token;
    }

    public TapbackTestHost Host { get; }

    /// <summary>The integration's REST client (its token).</summary>
    public HttpClient Api { get; }

    /// <summary>The operator's client (the admin token).</summary>
    public HttpClient Admin { get; }

    public string Token { get; }

    public static async Task<GovernorKit> StartAsync(IDictionary<string, string?> limits, bool applyToSimulator = true, IDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Tapback:Admin:Token"] = AdminToken,
            ["Tapback:Governor:ApplyToSimulator"] = applyToSimulator ? "true" : "false",
            ["Tapback:Governor:UnansweredLimit"] = "0",
            ["Tapback:Governor:PerRecipientPerMinute"] = "0",
            ["Tapback:Governor:NewConversationsPerDay"] = "0",
            ["Tapback:Governor:OutboundRatio"] = "0",
        };
        foreach (var (key, value) in limits.Concat(extra ?? new Dictionary<string, string?>()))
        {
            settings[key] = value;
        }

        var host = await TapbackTestHost.StartAsync(settings);
        var token = await GatewayScript.PairAsync(host, Phone);
        // The pairing notice is on its way: let it go, so every test starts from the same counts.
        await host.AdvanceUntilAsync(host.IsIdleAsync);
        var api = RestFixture.ClientFor(host, token);
        var admin = new HttpClient { BaseAddress = host.BaseAddress };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        return new GovernorKit(host, api, admin, token);
    }

    /// <summary>The agent sends one bubble over REST; returns its message id.</summary>
    public async Task<string> SendAsync(string text)
    {
        using var response = await Api.PostAsJsonAsync("/v2/messages", new { to = Phone, body = text });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["message_id"]!;
    }

    /// <summary>The message as <c>GET /v2/messages/{id}</c> shows it.</summary>
    public async Task<JsonNode> MessageAsync(string messageId) =>
        JsonNode.Parse(await Api.GetStringAsync($"/v2/messages/{messageId}"))!;

    public async Task<string> StatusAsync(string messageId) => (string)(await MessageAsync(messageId))["status"]!;

    /// <summary>Advances the clock until the message's status is <paramref name="status"/>.</summary>
    public Task UntilStatusAsync(string messageId, string status) =>
        Host.AdvanceUntilAsync(async () => await StatusAsync(messageId) == status, step: TimeSpan.FromSeconds(1));

    /// <summary>The agent bubbles the phone has seen, in the order it saw them.</summary>
    public async Task<IReadOnlyList<string>> PhoneSawAsync() =>
        [.. (await Host.EventsAsync(Phone)).Where(e => e.Type == "message.received" && e.Text is not null).Select(e => e.Text!)];

    public async Task<long> ScalarAsync(string sql, object? parameters = null)
    {
        await using var connection = await Host.Services.GetRequiredService<Database>().OpenAsync();
        return await connection.ExecuteScalarAsync<long>(sql, parameters);
    }

    public async Task<string?> ScalarTextAsync(string sql, object? parameters = null)
    {
        await using var connection = await Host.Services.GetRequiredService<Database>().OpenAsync();
        return await connection.ExecuteScalarAsync<string?>(sql, parameters);
    }

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        Admin.Dispose();
        await Host.DisposeAsync();
    }
}
