using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace Tapback.Gateway.Attachments.Downloads;

/// <summary>
/// Fetches an attachment a transport names by URL into the <see cref="AttachmentStore"/>, within a size
/// and a time limit, and for remote origins only from public addresses (checked at connect time).
/// </summary>
internal sealed partial class AttachmentDownloader(
    IHttpClientFactory httpClientFactory,
    AttachmentStore store,
    IOptions<AttachmentDownloadOptions> options,
    TimeProvider time,
    ILogger<AttachmentDownloader> logger)
{
    public const string RemoteClientName = "Tapback.Attachments.Remote";
    public const string LocalClientName = "Tapback.Attachments.Local";

    private const int BufferSize = 81_920;

    public async Task<StoredAttachment> DownloadAsync(AttachmentDownload download, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(download);
        var url = download.Url;
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new AttachmentDownloadException(AttachmentDownloadFailure.UnsupportedUrl, "An attachment URL must be an absolute http or https URL.");
        }

        var limits = options.Value;
        using var timeout = new CancellationTokenSource(limits.DownloadTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            var stored = await FetchAsync(download, limits.MaxDownloadBytes, linked.Token);
            LogDownloaded(logger, download.Id, url.Host, stored.SizeBytes);
            return stored;
        }
        catch (AttachmentDownloadException refused)
        {
            throw Logged(download, refused);
        }
        catch (OperationCanceledException exception) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw Logged(download, new AttachmentDownloadException(
                AttachmentDownloadFailure.TimedOut, $"The download did not finish within {limits.DownloadTimeout} (Tapback:Attachments:DownloadTimeout).", exception));
        }
        catch (HttpRequestException exception)
        {
            // The connect step's refusal arrives wrapped by the handler.
            var refused = Find<AttachmentDownloadException>(exception);
            throw Logged(download, new AttachmentDownloadException(
                refused?.Failure ?? AttachmentDownloadFailure.Failed, refused?.Message ?? $"The download failed: {exception.Message}", exception));
        }
    }

    private async Task<StoredAttachment> FetchAsync(AttachmentDownload download, long maxBytes, CancellationToken cancellationToken)
    {
        var client = httpClientFactory.CreateClient(download.Origin == AttachmentOrigin.Local ? LocalClientName : RemoteClientName);
        using var request = new HttpRequestMessage(HttpMethod.Get, download.Url);
        foreach (var (name, value) in download.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new AttachmentDownloadException(AttachmentDownloadFailure.Failed, $"The server answered {(int)response.StatusCode} {response.ReasonPhrase}.");
        }

        if (response.Content.Headers.ContentLength is { } announced && announced > maxBytes)
        {
            throw TooLarge(announced, maxBytes);
        }

        var content = await ReadCappedAsync(response.Content, maxBytes, cancellationToken);
        return await store.SaveAsync(
            download.Id,
            FileNameOf(download, response.Content.Headers.ContentDisposition),
            ContentTypes.IsValid(download.ContentType) ? download.ContentType! : ContentTypes.OrOctetStream(response.Content.Headers.ContentType?.MediaType),
            content,
            cancellationToken);
    }

    private static AttachmentDownloadException TooLarge(long size, long maxBytes) =>
        new(AttachmentDownloadFailure.TooLarge, $"The attachment has more than {maxBytes} bytes (at least {size}); the limit is Tapback:Attachments:MaxDownloadBytes.");

    // A missing or lying Content-Length cannot make Tapback hold more than the cap.
    private static async Task<ReadOnlyMemory<byte>> ReadCappedAsync(HttpContent content, long maxBytes, CancellationToken cancellationToken)
    {
        await using var body = await content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[BufferSize];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw TooLarge(buffer.Length + read, maxBytes);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    private static string FileNameOf(AttachmentDownload download, ContentDispositionHeaderValue? disposition)
    {
        var name = download.FileName
            ?? disposition?.FileNameStar
            ?? disposition?.FileName?.Trim('"')
            ?? Uri.UnescapeDataString(download.Url.Segments.LastOrDefault() ?? "");
        name = Path.GetFileName(name.Trim());
        return name.Length == 0 ? "attachment" : name;
    }

    private AttachmentDownloadException Logged(AttachmentDownload download, AttachmentDownloadException refused)
    {
        LogRefused(logger, download.Id, download.Url.Host, download.Origin, refused.Failure, refused.Message);
        return refused;
    }

    private static T? Find<T>(Exception exception)
        where T : Exception
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is T found)
            {
                return found;
            }
        }

        return null;
    }
}
