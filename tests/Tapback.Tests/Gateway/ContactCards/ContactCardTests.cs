using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tapback.Tests.AgentLink;
using Tapback.Tests.AgentLink.Rest;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.Gateway.ContactCards;

/// <summary>
/// The agent's contact card on the simulator: sent by an integration over REST (a <c>.vcf</c> URL, or
/// the <c>contact_card</c> shortcut) and offered to a phone right after it pairs.
/// </summary>
public sealed class ContactCardTests
{
    private const string Phone = "+15551240077";
    private const string GatewayNumber = "+15550009999";
    private const string AdminToken = "test-admin-token-0123456789abcdef";

    [Fact]
    public async Task Send_ContactCardShortcut_ThePhoneGetsAVcfOfTheBotNameAndNumber()
    {
        await using var host = await StartAsync(afterPairing: false);
        using var client = RestFixture.ClientFor(host, await GatewayScript.PairAsync(host, Phone));
        await SetBotNameAsync(host, "Ada, the helper");

        var (response, _) = await RestFixture.PostAsync(client, "/v2/messages", new { to = Phone, contact_card = true });
        var events = await RestFixture.WaitForPhoneAsync(host, Phone, events => events.Any(e => e.Attachments is { Count: > 0 }));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var file = Assert.Single(events.Single(e => e.Attachments is { Count: > 0 }).Attachments!);
        Assert.Equal(("text/vcard", "Ada_ the helper.vcf"), (file.ContentType, file.FileName));
        var card = await host.Client.GetStringAsync(file.Url);
        Assert.Contains("\r\nFN:Ada\\, the helper\r\n", card, StringComparison.Ordinal);
        Assert.Contains($"\r\nTEL;TYPE=CELL;TYPE=VOICE;TYPE=pref:{GatewayNumber}\r\n", card, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_ContactCardWithNoNumberForTheTransport_Is422AndSendsNothing()
    {
        await using var host = await TapbackTestHost.StartAsync();
        using var client = RestFixture.ClientFor(host, await GatewayScript.PairAsync(host, Phone));

        var (response, body) = await RestFixture.PostAsync(client, "/v2/messages", new { to = Phone, body = "my card", contact_card = true });
        await host.AdvanceUntilAsync(host.IsIdleAsync);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("Tapback:ContactCards:Numbers:simulator", (string?)body!["detail"], StringComparison.Ordinal);
        Assert.DoesNotContain(await host.EventsAsync(Phone), e => e.Text == "my card");
    }

    [Fact]
    public async Task Send_AVcfUrlServedAsPlainText_ReachesThePhoneAsTextVcard()
    {
        await using var files = await CardServerAsync();
        await using var host = await StartAsync(afterPairing: false);
        using var client = RestFixture.ClientFor(host, await GatewayScript.PairAsync(host, Phone));
        var address = files.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        var (response, _) = await RestFixture.PostAsync(client, "/v2/messages", new { to = Phone, attachments = new[] { $"{address}/grace.vcf" } });
        var events = await RestFixture.WaitForPhoneAsync(host, Phone, events => events.Any(e => e.Attachments is { Count: > 0 }));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var file = Assert.Single(events.Single(e => e.Attachments is { Count: > 0 }).Attachments!);
        Assert.Equal(("text/vcard", "grace.vcf"), (file.ContentType, file.FileName));
    }

    [Fact]
    public async Task Exchange_WithANumberForTheTransport_ThePhoneIsOfferedTheAgentsCard()
    {
        await using var host = await StartAsync(afterPairing: true);

        await GatewayScript.PairAsync(host, Phone);
        var events = await RestFixture.WaitForPhoneAsync(host, Phone, events => events.Any(e => e.Attachments is { Count: > 0 }));

        var offer = events.Single(e => e.Attachments is { Count: > 0 });
        Assert.Equal("Here is my contact card: save it so you know it's me when I text.", offer.Text);
        var file = Assert.Single(offer.Attachments!);
        Assert.Equal(("text/vcard", "Tapback.vcf"), (file.ContentType, file.FileName));
        Assert.Contains("\r\nFN:Tapback\r\n", await host.Client.GetStringAsync(file.Url), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exchange_AfterTheBuiltInAgentAnswered_TheCardComesRightAfterThePairedNotice()
    {
        await using var host = await StartAsync(afterPairing: true);
        await host.SendAsync(Phone, "hi there");
        await host.WaitForRepliesAsync(Phone);

        await GatewayScript.PairAsync(host, Phone);
        await host.AdvanceUntilAsync(host.IsIdleAsync);

        var received = (await host.EventsAsync(Phone)).Where(e => e.Type == "message.received").ToList();
        Assert.Contains("not the built-in agent", received[^2].Text, StringComparison.Ordinal);
        Assert.Equal("text/vcard", Assert.Single(received[^1].Attachments!).ContentType);
    }

    [Fact]
    public async Task Exchange_SendAfterPairingOff_ThePhoneGetsNoCard()
    {
        await using var host = await StartAsync(afterPairing: false);

        await GatewayScript.PairAsync(host, Phone);
        await host.AdvanceUntilAsync(host.IsIdleAsync);

        Assert.DoesNotContain(await host.EventsAsync(Phone), e => e.Attachments is { Count: > 0 });
    }

    [Fact]
    public async Task Start_ANumberThatIsNoHandle_FailsNamingTheKey()
    {
        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => TapbackTestHost.StartAsync(
            new Dictionary<string, string?> { ["Tapback:ContactCards:Numbers:simulator"] = "not a number" }));

        Assert.Contains("Tapback:ContactCards:Numbers:simulator ", error.Message, StringComparison.Ordinal);
    }

    private static Task<TapbackTestHost> StartAsync(bool afterPairing) => TapbackTestHost.StartAsync(new Dictionary<string, string?>
    {
        ["Tapback:ContactCards:Numbers:simulator"] = GatewayNumber,
        ["Tapback:ContactCards:SendAfterPairing"] = afterPairing ? "true" : "false",
        ["Tapback:Rest:AllowPrivateAttachmentUrls"] = "true",
        ["Tapback:Admin:Token"] = AdminToken,
    });

    /// <summary>The operator names the bot through the admin API, as the dashboard does.</summary>
    private static async Task SetBotNameAsync(TapbackTestHost host, string botName)
    {
        using var admin = new HttpClient { BaseAddress = host.BaseAddress };
        admin.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AdminToken);
        var id = (string)System.Text.Json.Nodes.JsonNode.Parse(await admin.GetStringAsync("/api/admin/integrations"))!.AsArray().Single()!["id"]!;
        using var response = await admin.PatchAsJsonAsync($"/api/admin/integrations/{id}", new { settings = new { botName } });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<WebApplication> CardServerAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/grace.vcf", () => Results.Bytes(Encoding.UTF8.GetBytes("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Grace\r\nEND:VCARD\r\n"), "text/plain"));
        await app.StartAsync();
        return app;
    }
}
