using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Tapback.AgentLink.Frames;
using Tapback.Gateway.Attachments;
using Tapback.Gateway.Http;
using Tapback.Gateway.Integrations;
using Tapback.Gateway.Integrations.Credentials;
using Tapback.Messaging.Handles;

namespace Tapback.AgentLink;

/// <summary>
/// The agent WebSocket (<c>GET /ws/{phone}</c>), and the signed file URLs it hands out: uploads
/// (<c>PUT /uploads/{id}</c>) and downloads (<c>GET /files/{id}</c>).
/// </summary>
internal static class AgentLinkEndpoints
{
    public static string UploadPath(string uploadId) => $"/uploads/{uploadId}";

    public static string FilePath(string fileId) => $"/files/{fileId}";

    public static IEndpointRouteBuilder MapAgentLink(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/ws/{phone}", ConnectAsync).WithTags("Agent WebSocket")
            .WithSummary("The agent WebSocket of the integration paired with this phone (URL-encoded E.164); frames are in docs/protocol.md.")
            .Produces(StatusCodes.Status101SwitchingProtocols)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        // One more byte than the largest file, so a file larger than it announced is told apart below.
        endpoints.MapPut("/uploads/{id}", UploadAsync).WithTags("Agent WebSocket")
            .WithBodyLimit(services => services.GetRequiredService<IOptions<AgentLinkOptions>>().Value.MaxUploadBytes + 1)
            .WithSummary("PUT a file's bytes to the signed URL upload_attachment answered, with its Content-Type.")
            // Described, not declared with Accepts: the router would then refuse the file's own types.
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.RequestBody = new Microsoft.OpenApi.OpenApiRequestBody
                {
                    Required = true,
                    Description = "The file's bytes, with the Content-Type upload_attachment named.",
                    Content = new Dictionary<string, Microsoft.OpenApi.OpenApiMediaType>
                    {
                        ["*/*"] = new() { Schema = new Microsoft.OpenApi.OpenApiSchema { Type = Microsoft.OpenApi.JsonSchemaType.String, Format = "binary" } },
                    },
                };
                return Task.CompletedTask;
            })
            .Produces<UploadReceipt>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        endpoints.MapGet("/files/{id}", DownloadAsync).WithTags("Agent WebSocket")
            .WithSummary("A file by the signed URL an event carried (expires and sig in the query).")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    private static async Task<IResult> ConnectAsync(
        string phone, HttpContext context, IntegrationCredentials credentials, CredentialSessions sessions, CredentialRevocations revocations,
        IOptions<AgentLinkOptions> options)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            return Problems.BadRequest("This is the agent WebSocket: connect with a WebSocket upgrade and 'Authorization: Bearer <token>'.");
        }

        if (!HandleNormalizer.TryNormalize(phone, out var normalized) || !normalized.StartsWith('+'))
        {
            return Problems.BadRequest($"'{phone}' is not a phone number; the path is /ws/ and the URL-encoded E.164 number, e.g. /ws/%2B15551234567.");
        }

        // A credential of another phone's integration is as good as a wrong one: 401, nothing said about the other.
        if (await credentials.AuthenticateAsync(context) is not { } principal || principal.Phone != normalized)
        {
            return IntegrationCredentials.Unauthorized(context);
        }

        var integration = principal.Integration;

        var settings = options.Value;
        using var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            KeepAliveInterval = settings.RuntimeKeepAliveInterval,
            KeepAliveTimeout = settings.KeepAliveTimeout,
        });
        var baseAddress = new Uri($"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}");
        using var session = ActivatorUtilities.CreateInstance<AgentSocket>(context.RequestServices, socket, integration, baseAddress);
        using var opened = sessions.Open(principal, reason => session.RequestClose(IntegrationConnections.ReplacedCloseCode, reason));

        // A revocation that committed between the credential check above and this registration found no session to close: look once more.
        revocations.NotifyHere(principal.IntegrationId);
        await session.RunAsync(context.RequestAborted);
        return Results.Empty;
    }

    private static async Task<IResult> UploadAsync(
        string id, HttpContext context, FileUrls urls, UploadStore uploads, AttachmentStore files, IOptions<AgentLinkOptions> options, CancellationToken cancellationToken)
    {
        if (await urls.RefusalAsync(UploadPath(id), context.Request.Query["expires"], context.Request.Query["sig"], cancellationToken) is { } refusal)
        {
            return refusal;
        }

        var upload = await uploads.FindAsync(id, cancellationToken);
        if (upload is null)
        {
            return Problems.NotFound($"No upload '{id}'.");
        }

        if (!string.Equals(context.Request.ContentType, upload.ContentType, StringComparison.OrdinalIgnoreCase))
        {
            return Problems.BadRequest($"Send the header 'Content-Type: {upload.ContentType}', as upload_attachment.response's requiredHeaders say.");
        }

        var limit = Math.Min(upload.SizeBytes, options.Value.MaxUploadBytes);
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = limit + 1;
        }

        using var body = new MemoryStream();
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (body.Length + read > limit)
            {
                return TypedResults.Problem(
                    detail: $"The file is larger than the {upload.SizeBytes} bytes announced in upload_attachment.",
                    statusCode: StatusCodes.Status413PayloadTooLarge,
                    title: "Too large.");
            }

            body.Write(buffer, 0, read);
        }

        if (body.Length == 0)
        {
            return Problems.BadRequest("The body is empty; PUT the file's bytes.");
        }

        var stored = await files.SaveAsync(upload.Id, upload.FileName, upload.ContentType, body.ToArray(), cancellationToken);
        await uploads.CompleteAsync(upload.Id, stored.Sha256, stored.SizeBytes, cancellationToken);
        return TypedResults.Json(new UploadReceipt(upload.Id, stored.SizeBytes), AgentLinkJsonContext.Wire.UploadReceipt);
    }

    private static async Task<IResult> DownloadAsync(
        string id, HttpContext context, FileUrls urls, AttachmentReader attachments, UploadStore uploads, AttachmentStore files, CancellationToken cancellationToken)
    {
        if (await urls.RefusalAsync(FilePath(id), context.Request.Query["expires"], context.Request.Query["sig"], cancellationToken) is { } refusal)
        {
            return refusal;
        }

        if (await attachments.FindAsync(id, cancellationToken) is { } attachment)
        {
            return TypedResults.PhysicalFile(attachment.Path, attachment.ContentType, attachment.FileName);
        }

        return await uploads.FindAsync(id, cancellationToken) is { Sha256: { } sha256 } upload
            ? TypedResults.PhysicalFile(files.PathOf(sha256), ContentTypes.OrOctetStream(upload.ContentType), upload.FileName)
            : Problems.NotFound($"No file '{id}'.");
    }
}
