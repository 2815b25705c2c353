using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Tapback.Client;

public sealed partial class TapbackAgentClient
{
    // The gateway's upload_attachment.response names no request: one upload asks at a time.
    private readonly SemaphoreSlim _uploadLock = new(1, 1);
    private TaskCompletionSource<UploadResponseData>? _uploadAnswer;

    /// <summary>
    /// Uploads a file (at most 100 MiB by default) and returns its id, to send with
    /// <see cref="SendOptions.AttachmentIds"/>. <paramref name="content"/> must know its length.
    /// </summary>
    public async Task<UploadedAttachment> UploadAsync(Stream content, string fileName, string contentType, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        ArgumentException.ThrowIfNullOrWhiteSpace(contentType);
        var size = content.CanSeek ? content.Length - content.Position : throw new ArgumentException("The stream must be seekable, so its length can be announced.", nameof(content));

        UploadResponseData answer;
        await _uploadLock.WaitAsync(cancellationToken);
        try
        {
            var waiting = new TaskCompletionSource<UploadResponseData>(TaskCreationOptions.RunContinuationsAsynchronously);
            _uploadAnswer = waiting;
            await WriteNowAsync(FrameTypes.UploadAttachment, new UploadAttachmentData(fileName, contentType, size), ClientJsonContext.Wire.UploadAttachmentData, cancellationToken);
            answer = await waiting.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            _uploadAnswer = null;
            _uploadLock.Release();
        }

        using var request = new HttpRequestMessage(HttpMethod.Put, answer.UploadUrl) { Content = new StreamContent(content) };
        foreach (var (name, value) in answer.RequiredHeaders ?? new Dictionary<string, string>())
        {
            if (!request.Content.Headers.TryAddWithoutValidation(name, value))
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        request.Content.Headers.ContentLength = size;
        request.Content.Headers.ContentType ??= MediaTypeHeaderValue.Parse(contentType);
        using var response = await _http.SendAsync(request, cancellationToken);
        await HttpProblems.ThrowIfFailedAsync(response, _time, cancellationToken);
        var receipt = await response.Content.ReadFromJsonAsync(ClientJsonContext.Wire.UploadReceipt, cancellationToken);
        return new UploadedAttachment(answer.AttachmentId, new Uri(answer.DownloadUrl), receipt?.SizeBytes ?? size);
    }

    private void AnswerUpload(InboundFrame frame)
    {
        try
        {
            if (frame.Data.Deserialize(ClientJsonContext.Wire.UploadResponseData) is { } answer)
            {
                _uploadAnswer?.TrySetResult(answer);
            }
        }
        catch (JsonException exception)
        {
            _uploadAnswer?.TrySetException(exception);
        }
    }

    private void RefuseUpload(string message) =>
        _uploadAnswer?.TrySetException(new InvalidOperationException($"The gateway refused the upload: {message}"));
}
