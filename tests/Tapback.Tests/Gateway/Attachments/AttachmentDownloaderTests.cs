using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Tapback.Gateway.Attachments;
using Tapback.Gateway.Attachments.Downloads;
using Tapback.Storage;

namespace Tapback.Tests.Gateway.Attachments;

/// <summary>The download guard against a real Kestrel file server on loopback.</summary>
public sealed class AttachmentDownloaderTests : IAsyncLifetime
{
    private const int Cap = 1000;
    private static readonly byte[] Photo = [.. Enumerable.Range(0, 600).Select(i => (byte)i)];

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    private readonly TaskCompletionSource _slowRequestArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("tapback-downloads-").FullName;
    private WebApplication? _server;
    private ServiceProvider? _services;
    private int _requests;

    private Uri Server => new(_server!.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());

    private AttachmentDownloader Downloader => _services!.GetRequiredService<AttachmentDownloader>();

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _server = builder.Build();
        _server.Use((context, next) =>
        {
            Interlocked.Increment(ref _requests);
            return next(context);
        });
        _server.MapGet("/IMG_0002.jpg", () => Results.Bytes(Photo, "image/jpeg"));
        _server.MapGet("/moved", () => Results.Redirect("/IMG_0002.jpg"));
        _server.MapGet("/big", () => Results.Bytes(new byte[Cap + 1], "application/octet-stream"));
        _server.MapGet("/big-chunked", async context =>
        {
            // No Content-Length: the cap must hold while reading.
            for (var i = 0; i < 4; i++)
            {
                await context.Response.Body.WriteAsync(new byte[400]);
                await context.Response.Body.FlushAsync();
            }
        });
        _server.MapGet("/slow", async context =>
        {
            await context.Response.Body.WriteAsync(new byte[10]);
            await context.Response.Body.FlushAsync();
            _slowRequestArrived.TrySetResult();
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        });
        await _server.StartAsync();

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Tapback:Attachments:MaxDownloadBytes"] = Cap.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Tapback:Attachments:DownloadTimeout"] = "00:00:30",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(_time);
        services.Configure<StorageOptions>(options => options.DataDirectory = _dataDirectory);
        services.AddSingleton<AttachmentStore>();
        services.AddAttachmentDownloads(configuration);
        _services = services.BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await _services!.DisposeAsync();
        await _server!.StopAsync();
        await _server.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    [Fact]
    public async Task Download_LoopbackUrlFromARemoteTransport_IsRefusedWithoutARequest()
    {
        var refused = await Assert.ThrowsAsync<AttachmentDownloadException>(() => DownloadAsync("/IMG_0002.jpg", AttachmentOrigin.Remote));

        Assert.Equal(AttachmentDownloadFailure.AddressNotAllowed, refused.Failure);
        Assert.Equal(0, _requests);
    }

    [Fact]
    public async Task Download_HostNameThatResolvesToLoopback_IsRefusedAtConnect()
    {
        var url = new UriBuilder(Server) { Host = "localhost", Path = "/IMG_0002.jpg" }.Uri;

        var refused = await Assert.ThrowsAsync<AttachmentDownloadException>(() => Downloader.DownloadAsync(Request(url, AttachmentOrigin.Remote)));

        Assert.Equal(AttachmentDownloadFailure.AddressNotAllowed, refused.Failure);
        Assert.Equal(0, _requests);
    }

    [Fact]
    public async Task Download_LoopbackUrlFromALocalTransport_IsStored()
    {
        var stored = await DownloadAsync("/IMG_0002.jpg", AttachmentOrigin.Local);

        Assert.Equal("IMG_0002.jpg", stored.FileName);
        Assert.Equal("image/jpeg", stored.ContentType);
        Assert.Equal(Photo.Length, stored.SizeBytes);
        Assert.Equal(Photo, await File.ReadAllBytesAsync(_services!.GetRequiredService<AttachmentStore>().PathOf(stored.Sha256)));
    }

    [Fact]
    public async Task Download_Redirect_IsFollowed()
    {
        var stored = await DownloadAsync("/moved", AttachmentOrigin.Local);

        Assert.Equal(Photo.Length, stored.SizeBytes);
    }

    [Fact]
    public async Task Download_AnnouncedLargerThanTheCap_IsRefused()
    {
        var refused = await Assert.ThrowsAsync<AttachmentDownloadException>(() => DownloadAsync("/big", AttachmentOrigin.Local));

        Assert.Equal(AttachmentDownloadFailure.TooLarge, refused.Failure);
        Assert.Contains("Tapback:Attachments:MaxDownloadBytes", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Download_WithoutLengthPastTheCap_IsRefusedWhileReading()
    {
        var refused = await Assert.ThrowsAsync<AttachmentDownloadException>(() => DownloadAsync("/big-chunked", AttachmentOrigin.Local));

        Assert.Equal(AttachmentDownloadFailure.TooLarge, refused.Failure);
    }

    [Fact]
    public async Task Download_SlowServer_TimesOutOnTheInjectedClock()
    {
        var download = DownloadAsync("/slow", AttachmentOrigin.Local);
        await _slowRequestArrived.Task.WaitAsync(TimeSpan.FromSeconds(10));

        _time.Advance(TimeSpan.FromSeconds(31));

        var refused = await Assert.ThrowsAsync<AttachmentDownloadException>(() => download.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(AttachmentDownloadFailure.TimedOut, refused.Failure);
    }

    [Fact]
    public async Task Download_ServerSaysNotFound_Fails()
    {
        var refused = await Assert.ThrowsAsync<AttachmentDownloadException>(() => DownloadAsync("/missing", AttachmentOrigin.Local));

        Assert.Equal(AttachmentDownloadFailure.Failed, refused.Failure);
        Assert.Contains("404", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://example.com/a.jpg")]
    public async Task Download_NotHttp_IsRefused(string url)
    {
        var refused = await Assert.ThrowsAsync<AttachmentDownloadException>(() => Downloader.DownloadAsync(Request(new Uri(url), AttachmentOrigin.Local)));

        Assert.Equal(AttachmentDownloadFailure.UnsupportedUrl, refused.Failure);
    }

    private Task<StoredAttachment> DownloadAsync(string path, AttachmentOrigin origin) =>
        Downloader.DownloadAsync(Request(new Uri(Server, path), origin));

    private static AttachmentDownload Request(Uri url, AttachmentOrigin origin) => new() { Id = "att_test", Url = url, Origin = origin };
}
