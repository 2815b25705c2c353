using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Tapback.Storage;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Dashboard;

/// <summary>
/// The operator's reply (<c>POST /api/admin/conversations/{id}/messages</c>): it goes through the action
/// core as the operator, keyed by its Idempotency-Key, into the outbox and to the phone.
/// </summary>
public sealed class OperatorReplyTests : IAsyncLifetime
{
    private const string Phone = "+15550107500";
    private TapbackTestHost _host = null!;

    public async Task InitializeAsync() => _host = await TapbackTestHost.StartAsync(DashboardClient.Settings());

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Reply_SameKeyTwice_SendsOnceAndAnswersTheSameMessage()
    {
        var conversationId = await ConversationAsync();
        using var admin = await DashboardClient.SignedInAsync(_host);

        using var first = await ReplyAsync(admin, conversationId, "Hi, a person here.", "key-1");
        using var again = await ReplyAsync(admin, conversationId, "Hi, a person here.", "key-1");

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        var firstBody = JsonNode.Parse(await first.Content.ReadAsStringAsync())!;
        var againBody = JsonNode.Parse(await again.Content.ReadAsStringAsync())!;
        Assert.False((bool)firstBody["duplicate"]!);
        Assert.True((bool)againBody["duplicate"]!);
        var messageId = (string)firstBody["messageIds"]![0]!;
        Assert.Equal(messageId, (string)againBody["messageIds"]![0]!);
        await _host.AdvanceUntilAsync(async () => (await _host.EventsAsync(Phone)).Any(e => e.Type == "message.received" && e.Text == "Hi, a person here."));
        await _host.AdvanceUntilAsync(_host.IsIdleAsync);
        Assert.Single(await _host.EventsAsync(Phone), e => e.Text == "Hi, a person here.");
        await using var connection = await _host.Services.GetRequiredService<Database>().OpenAsync();
        var row = await connection.QuerySingleAsync<(string Key, string State)>(
            "SELECT idempotency_key, state FROM outbox WHERE message_id = @messageId", new { messageId });
        Assert.Equal("operator:send:key-1", row.Key);
        Assert.Equal("done", row.State);
    }

    [Fact]
    public async Task Reply_SameKeyOtherText_Is409AndSendsNothing()
    {
        var conversationId = await ConversationAsync();
        using var admin = await DashboardClient.SignedInAsync(_host);
        using var first = await ReplyAsync(admin, conversationId, "One", "key-2");

        using var other = await ReplyAsync(admin, conversationId, "Another", "key-2");

        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        Assert.Equal("application/problem+json", other.Content.Headers.ContentType?.MediaType);
        // The core's one sentence for a reused key, as every agent surface words it.
        Assert.Contains("already used for another request", (string)JsonNode.Parse(await other.Content.ReadAsStringAsync())!["detail"]!, StringComparison.Ordinal);
        await _host.AdvanceUntilAsync(_host.IsIdleAsync);
        Assert.DoesNotContain(await _host.EventsAsync(Phone), e => e.Text == "Another");
    }

    [Fact]
    public async Task Reply_UnknownConversationEmptyBodyOrCrossSite_IsRefusedWithAProblem()
    {
        var conversationId = await ConversationAsync();
        using var admin = await DashboardClient.SignedInAsync(_host);

        using var unknown = await ReplyAsync(admin, "conv_nope", "Hello", "key-3");
        using var empty = await ReplyAsync(admin, conversationId, "  ", "key-4");
        using var crossSite = DashboardClient.Anonymous(_host, origin: "http://evil.example");
        foreach (var cookie in admin.Cookies.GetAllCookies().Cast<Cookie>())
        {
            crossSite.Cookies.Add(_host.BaseAddress, cookie);
        }

        using var forged = await ReplyAsync(crossSite, conversationId, "Forged", "key-5");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("conversation id", (string)JsonNode.Parse(await unknown.Content.ReadAsStringAsync())!["detail"]!, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.NotNull(JsonNode.Parse(await empty.Content.ReadAsStringAsync())!["errors"]!["body"]);
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        await _host.AdvanceUntilAsync(_host.IsIdleAsync);
        Assert.DoesNotContain(await _host.EventsAsync(Phone), e => e.Text == "Forged");
    }

    private static Task<HttpResponseMessage> ReplyAsync(DashboardClient client, string conversationId, string body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/admin/conversations/{conversationId}/messages") { Content = JsonContent.Create(new { body }) };
        request.Headers.Add("Idempotency-Key", key);
        return client.Http.SendAsync(request);
    }

    /// <summary>The phone texts the built-in agent and is answered; returns its conversation's id.</summary>
    private async Task<string> ConversationAsync()
    {
        await _host.SendAsync(Phone, "Hello?");
        await _host.WaitForRepliesAsync(Phone);
        using var admin = await DashboardClient.SignedInAsync(_host);
        return (string)JsonNode.Parse(await admin.Http.GetStringAsync("/api/dashboard/conversations"))![0]!["id"]!;
    }
}
