using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Tapback.Tests.AgentLink;
using Tapback.Tests.AgentLink.Webhooks;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Dashboard;

/// <summary>
/// <c>/api/admin/integrations/{id}/webhooks</c>: the operator's create, list and delete answer as the
/// agent's <c>/v2/webhooks</c> do, and a delivery made for one names its URL in the log.
/// </summary>
public sealed class WebhookAdminTests
{
    private static readonly string[] MessageReceived = ["message.received"];
    private static readonly string[] UnknownEvent = ["message.nope"];

    [Fact]
    public async Task CreateListDelete_ByTheOperator_DeliversSignedAndTheLogNamesTheUrl()
    {
        const string phone = "+15550107600";
        var settings = WebhookTestKit.Settings();
        settings["Tapback:Admin:Token"] = DashboardClient.AdminToken;
        await using var host = await TapbackTestHost.StartAsync(settings);
        await using var receiver = await WebhookReceiver.StartAsync();
        var token = await GatewayScript.PairAsync(host, phone);
        using var admin = await DashboardClient.SignedInAsync(host);
        var integrationId = (string)JsonNode.Parse(await admin.Http.GetStringAsync("/api/dashboard/integrations"))![0]!["id"]!;
        var url = new Uri(receiver.Url, "?team=front-desk");

        using var created = await admin.Http.PostAsJsonAsync($"/api/admin/integrations/{integrationId}/webhooks", new { url, events = MessageReceived });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var webhook = JsonNode.Parse(await created.Content.ReadAsStringAsync())!;
        var webhookId = (string)webhook["id"]!;
        receiver.Secret = (string)webhook["secret"]!;
        Assert.StartsWith("whsec_", receiver.Secret, StringComparison.Ordinal);

        // The agent sees the operator's subscription as its own.
        using (var agent = new HttpClient { BaseAddress = host.BaseAddress })
        {
            agent.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var listed = JsonNode.Parse(await agent.GetStringAsync("/v2/webhooks"))!["data"]!.AsArray();
            Assert.Equal(webhookId, (string)Assert.Single(listed)!["id"]!);
            Assert.Null(listed[0]!["secret"]);
        }

        await host.SendAsync(phone, "Anyone there?");
        await host.AdvanceUntilAsync(() => Task.FromResult(receiver.Accepted.Count == 1), TimeSpan.FromSeconds(1));
        Assert.True(receiver.Accepted[0].Verified);
        var log = JsonNode.Parse(await admin.Http.GetStringAsync($"/api/dashboard/webhooks/{webhookId}/deliveries"))!["data"]!.AsArray();
        Assert.Equal(url.ToString(), (string)log[0]!["url"]!);

        using var deleted = await admin.Http.DeleteAsync($"/api/admin/integrations/{integrationId}/webhooks/{webhookId}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        var after = JsonNode.Parse(await admin.Http.GetStringAsync($"/api/admin/integrations/{integrationId}/webhooks"))!["data"]!.AsArray();
        Assert.Empty(after);
        using var again = await admin.Http.DeleteAsync($"/api/admin/integrations/{integrationId}/webhooks/{webhookId}");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task Create_BadUrlAndEventsOrUnknownIntegration_IsAProblemNamingTheFix()
    {
        const string phone = "+15550107601";
        await using var host = await TapbackTestHost.StartAsync(DashboardClient.Settings());
        await GatewayScript.PairAsync(host, phone);
        using var admin = await DashboardClient.SignedInAsync(host);
        var integrationId = (string)JsonNode.Parse(await admin.Http.GetStringAsync("/api/dashboard/integrations"))![0]!["id"]!;

        using var invalid = await admin.Http.PostAsJsonAsync($"/api/admin/integrations/{integrationId}/webhooks", new { url = "ftp://nowhere", events = UnknownEvent });
        using var unknown = await admin.Http.PostAsJsonAsync("/api/admin/integrations/int_nope/webhooks", new { url = "https://example.com/hook", events = MessageReceived });
        using var anonymous = await host.Client.PostAsJsonAsync($"/api/admin/integrations/{integrationId}/webhooks", new { url = "https://example.com/hook", events = MessageReceived });

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var errors = JsonNode.Parse(await invalid.Content.ReadAsStringAsync())!["errors"]!;
        Assert.NotNull(errors["url"]);
        Assert.Contains("message.nope", (string)errors["events"]![0]!, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("int_nope", (string)JsonNode.Parse(await unknown.Content.ReadAsStringAsync())!["detail"]!, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }
}
