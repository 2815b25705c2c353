using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using Tapback.Tests.AgentLink;
using Tapback.Tests.AgentLink.Rest;
using Tapback.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Tapback.Tests.Web;

/// <summary>A photo with a caption is two bubbles in one row, as Messages shows it, whichever side sent it.</summary>
public sealed partial class SimulatorPageTests
{
    // A 1×1 PNG: a real image, so Chromium loads it without an error.
    private static readonly byte[] Pixel = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    [Fact]
    public async Task SendPhotoWithCaption_FromThePhone_ShowsAPhotoBubbleThenATextBubble()
    {
        await using var host = await TapbackTestHost.StartAsync();
        var page = await chromium.NewPageAsync(host.BaseAddress);
        var errors = CollectPageErrors(page);
        try
        {
            await OpenAsync(page, TypedNumber);
            await page.Locator("#attach").SetInputFilesAsync(new FilePayload { Name = "pixel.png", MimeType = "image/png", Buffer = Pixel });
            await SendAsync(page, "Look at this");

            var row = page.Locator(".row.me").Last;
            await Expect(row.Locator(".bubble")).ToHaveCountAsync(2);
            await Expect(row.Locator(".bubble").Nth(0).Locator("img")).ToHaveCountAsync(1);
            await Expect(row.Locator(".bubble").Nth(0)).Not.ToContainTextAsync("Look at this");
            await Expect(row.Locator(".bubble").Nth(1)).ToContainTextAsync("Look at this");
            await Expect(row.Locator(".bubble").Nth(1).Locator("img")).ToHaveCountAsync(0);
            await Chromium.ScreenshotAsync(page, nameof(SendPhotoWithCaption_FromThePhone_ShowsAPhotoBubbleThenATextBubble));
        }
        finally
        {
            await page.Context.CloseAsync();
        }

        Assert.Empty(errors);
    }

    [Fact]
    public async Task SendPhotoWithCaption_FromTheAgent_ShowsAPhotoBubbleThenATextBubbleWithTheTapbacks()
    {
        await using var files = await PixelServer.StartAsync();
        await using var host = await TapbackTestHost.StartAsync(new Dictionary<string, string?> { ["Tapback:Rest:AllowPrivateAttachmentUrls"] = "true" });
        using var client = RestFixture.ClientFor(host, await GatewayScript.PairAsync(host, Handle));
        var page = await chromium.NewPageAsync(host.BaseAddress);
        var errors = CollectPageErrors(page);
        try
        {
            await OpenAsync(page, TypedNumber);
            var (response, _) = await RestFixture.PostAsync(client, "/v2/messages", new { to = Handle, body = "Here it is", attachments = new[] { files.Url.ToString() } });
            response.EnsureSuccessStatusCode();

            var row = page.Locator(".row.them").Last;
            await host.AdvanceUntilAsync(async () => await row.Locator(".bubble img").CountAsync() == 1, Step);
            await Expect(row.Locator(".bubble")).ToHaveCountAsync(2);
            await Expect(row.Locator(".bubble").Nth(1)).ToContainTextAsync("Here it is");
            await Expect(row.Locator(".bubble").Nth(1).Locator(".tapbacks")).ToHaveCountAsync(1);
            await Expect(row.Locator(".bubble").Nth(0).Locator(".tapbacks")).ToHaveCountAsync(0);
            await Chromium.ScreenshotAsync(page, nameof(SendPhotoWithCaption_FromTheAgent_ShowsAPhotoBubbleThenATextBubbleWithTheTapbacks));
        }
        finally
        {
            await page.Context.CloseAsync();
        }

        Assert.Empty(errors);
    }

    /// <summary>Serves the pixel on loopback, as an agent's file host would.</summary>
    private sealed class PixelServer : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private PixelServer(WebApplication app) => _app = app;

        public Uri Url => new(new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()), "/pixel.png");

        public static async Task<PixelServer> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            app.MapGet("/pixel.png", () => Results.Bytes(Pixel, "image/png"));
            await app.StartAsync();
            return new PixelServer(app);
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
