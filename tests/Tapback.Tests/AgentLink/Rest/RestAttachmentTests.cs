using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tapback.Tests.Infrastructure;

namespace Tapback.Tests.AgentLink.Rest;

/// <summary><c>attachments</c> on <c>POST /v2/messages</c>, fetched from a real file server on loopback.</summary>
public sealed class RestAttachmentTests : IAsyncLifetime
{
    private const string Phone = "+15551240041";
    private static readonly byte[] Photo = [.. Enumerable.Range(0, 600).Select(i => (byte)i)];
    private WebApplication _files = null!;

    private Uri Files => new(_files.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _files = builder.Build();
        _files.MapGet("/cat.jpg", () => Results.Bytes(Photo, "image/jpeg"));
        _files.MapGet("/big.bin", () => Results.Bytes(new byte[2000], "application/octet-stream"));
        await _files.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _files.StopAsync();
        await _files.DisposeAsync();
    }

    [Fact]
    public async Task Send_WithAUrlAndAnObject_FetchesBothAndShowsThemOnTheMessage()
    {
        await using var host = await StartAsync(allowPrivate: true);
        using var client = RestFixture.ClientFor(host, await GatewayScript.PairAsync(host, Phone));
        var cat = new Uri(Files, "/cat.jpg").ToString();

        var (response, sent) = await RestFixture.PostAsync(client, "/v2/messages", new { to = Phone, body = "look", attachments = new object[] { cat, new { url = cat, name = "kitty.jpg" } } });
        var (_, message) = await RestFixture.GetAsync(client, $"/v2/messages/{(string)sent!["message_id"]!}");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var files = message!["attachments"]!.AsArray();
        Assert.Equal(["cat.jpg", "kitty.jpg"], files.Select(f => (string?)f!["name"]));
        Assert.All(files, f => Assert.Equal("image/jpeg", (string?)f!["mime_type"]));
        Assert.All(files, f => Assert.Equal(600, (long)f!["size"]!));
        using var anonymous = new HttpClient();
        Assert.Equal(Photo, await anonymous.GetByteArrayAsync((string)files[0]!["url"]!));
    }

    [Fact]
    public async Task Send_AttachmentsWithoutABody_Is202()
    {
        await using var host = await StartAsync(allowPrivate: true);
        using var client = RestFixture.ClientFor(host, await GatewayScript.PairAsync(host, Phone));

        var (response, _) = await RestFixture.PostAsync(client, "/v2/messages", new { to = Phone, attachments = new[] { new Uri(Files, "/cat.jpg").ToString() } });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task Send_AnAttachmentOverTheSizeLimit_Is413AndSendsNothing()
    {
        await using var host = await StartAsync(allowPrivate: true);
        using var client = RestFixture.ClientFor(host, await GatewayScript.PairAsync(host, Phone));

        var (response, body) = await RestFixture.PostAsync(client, "/v2/messages", new { to = Phone, body = "big", attachments = new[] { new Uri(Files, "/big.bin").ToString() } });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("attachments[0]", (string?)body!["detail"], StringComparison.Ordinal);
        var (_, conversations) = await RestFixture.GetAsync(client, "/v2/conversations");
        var conversationId = (string)conversations!["data"]![0]!["id"]!;
        var (_, messages) = await RestFixture.GetAsync(client, $"/v2/conversations/{conversationId}/messages");
        Assert.DoesNotContain(messages!["data"]!.AsArray(), m => (string?)m!["body"] == "big");
    }

    [Fact]
    public async Task Send_AnAttachmentOnAPrivateAddress_Is422ByDefault()
    {
        await using var host = await StartAsync(allowPrivate: false);
        using var client = RestFixture.ClientFor(host, await GatewayScript.PairAsync(host, Phone));

        var (response, body) = await RestFixture.PostAsync(client, "/v2/messages", new { to = Phone, body = "x", attachments = new[] { new Uri(Files, "/cat.jpg").ToString() } });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("Tapback:Rest:AllowPrivateAttachmentUrls", (string?)body!["detail"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"name": "no-url.jpg"}""")]
    [InlineData("\"ftp://example.com/a.jpg\"")]
    [InlineData("\"not a url\"")]
    public async Task Send_AnAttachmentWithoutAnHttpUrl_Is400NamingIt(string attachment)
    {
        await using var host = await StartAsync(allowPrivate: true);
        using var client = RestFixture.ClientFor(host, await GatewayScript.PairAsync(host, Phone));
        using var content = new StringContent($$"""{"to": "{{Phone}}", "body": "x", "attachments": [{{attachment}}]}""", System.Text.Encoding.UTF8, "application/json");

        using var response = await client.PostAsync("/v2/messages", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("attachments[0]", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static Task<TapbackTestHost> StartAsync(bool allowPrivate) => TapbackTestHost.StartAsync(new Dictionary<string, string?>
    {
        ["Tapback:Rest:AllowPrivateAttachmentUrls"] = allowPrivate ? "true" : "false",
        ["Tapback:Attachments:MaxDownloadBytes"] = "1000",
    });
}
