using System.Net;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Tapback.Configuration;

namespace Tapback.Gateway.Attachments.Downloads;

internal static class AttachmentDownloadServiceCollectionExtensions
{
    /// <summary>Registers <see cref="AttachmentDownloader"/>, its limits and its two HTTP clients.</summary>
    public static IServiceCollection AddAttachmentDownloads(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<AttachmentDownloadOptions, AttachmentDownloadOptionsValidator>(configuration.GetSection(AttachmentDownloadOptions.SectionName));
        var maxRedirects = configuration.GetValue(AttachmentDownloadOptions.SectionName + ":MaxRedirects", new AttachmentDownloadOptions().MaxRedirects);

        // No proxy for remote URLs: through a proxy the connect step would see the proxy's address,
        // not the one the URL names, and the address check would mean nothing.
        services.AddHttpClient(AttachmentDownloader.RemoteClientName, ConfigureClient)
            .ConfigurePrimaryHttpMessageHandler(() => Handler(maxRedirects, guarded: true));
        services.AddHttpClient(AttachmentDownloader.LocalClientName, ConfigureClient)
            .ConfigurePrimaryHttpMessageHandler(() => Handler(maxRedirects, guarded: false));
        services.TryAddSingleton<AttachmentDownloader>();
        return services;
    }

    // The downloader bounds each fetch on the injected clock; HttpClient's own 100 s would race it.
    private static void ConfigureClient(HttpClient client) => client.Timeout = Timeout.InfiniteTimeSpan;

    private static SocketsHttpHandler Handler(int maxRedirects, bool guarded)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = maxRedirects > 0,
            MaxAutomaticRedirections = Math.Max(1, maxRedirects),
            AutomaticDecompression = DecompressionMethods.All,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        if (guarded)
        {
            handler.UseProxy = false;
            handler.ConnectCallback = GuardedConnect.ConnectAsync;
        }

        return handler;
    }
}
