using Microsoft.Extensions.Options;
using Tapback.AgentLink.Frames;
using Tapback.Gateway.Attachments;
using Tapback.Gateway.Integrations;

namespace Tapback.AgentLink;

/// <summary><c>upload_attachment</c>: a signed URL to PUT the bytes to, and the id to send them by.</summary>
internal sealed class SocketUploads(Integration integration, Uri baseAddress, FrameWriter writer, UploadStore uploads, FileUrls fileUrls, IOptions<AgentLinkOptions> options)
{
    public async Task UploadAttachmentAsync(UploadAttachmentData? request, CancellationToken cancellationToken)
    {
        const string type = FrameTypes.UploadAttachment;
        var maxBytes = options.Value.MaxUploadBytes;
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(request?.Filename) || Path.GetFileName(request.Filename).Length == 0)
        {
            errors.Add("data.filename");
        }

        if (!ContentTypes.IsValid(request?.ContentType))
        {
            errors.Add($"data.contentType ({ContentTypes.Rule})");
        }

        if (request?.SizeBytes is not { } size || size <= 0 || size > maxBytes)
        {
            errors.Add($"data.sizeBytes (1 to {maxBytes})");
        }

        if (errors.Count > 0)
        {
            await writer.ErrorAsync($"upload_attachment needs {string.Join(", ", errors)}.", type, cancellationToken);
            return;
        }

        var lifetime = options.Value.UploadUrlLifetime;
        var upload = await uploads.CreateAsync(integration.Id, request!.Filename!, request.ContentType!, request.SizeBytes!.Value, lifetime, cancellationToken);
        var (uploadUrl, expiresAt) = await fileUrls.SignAsync(baseAddress, AgentLinkEndpoints.UploadPath(upload.Id), lifetime, cancellationToken);
        var (downloadUrl, _) = await fileUrls.SignAsync(baseAddress, AgentLinkEndpoints.FilePath(upload.Id), options.Value.FileUrlLifetime, cancellationToken);
        var response = new UploadResponseData(upload.Id, uploadUrl, downloadUrl, new Dictionary<string, string> { ["Content-Type"] = upload.ContentType }, expiresAt);
        await writer.SendAsync(Frame.Serialize(FrameTypes.UploadAttachmentResponse, response, AgentLinkJsonContext.Default.UploadResponseData), cancellationToken);
    }
}
