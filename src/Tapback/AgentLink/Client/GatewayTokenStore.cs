using System.Net;
using Microsoft.Extensions.Options;
using Tapback.Client;
using Tapback.Storage;

namespace Tapback.AgentLink.Client;

/// <summary>
/// The token this agent connects with: the configured one, else one stored by an earlier pairing,
/// else a code exchanged now and stored (owner-only) so a restart needs no new code.
/// </summary>
internal sealed partial class GatewayTokenStore(
    IOptions<RemoteGatewayOptions> options,
    IOptions<StorageOptions> storage,
    IHttpClientFactory httpClientFactory,
    ILogger<GatewayTokenStore> logger)
{
    public const string HttpClientName = "Tapback.RemoteGateway";
    public const string FileName = "gateway-token";

    public string TokenPath => Path.Combine(Path.GetFullPath(storage.Value.DataDirectory), FileName);

    /// <summary>The token; throws <see cref="InvalidOperationException"/> naming the key to set when there is none to be had.</summary>
    public async Task<string> GetAsync(CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        if (!string.IsNullOrWhiteSpace(settings.Token))
        {
            return settings.Token.Trim();
        }

        if (File.Exists(TokenPath))
        {
            var stored = (await File.ReadAllTextAsync(TokenPath, cancellationToken)).Trim();
            if (stored.Length > 0)
            {
                return stored;
            }
        }

        if (string.IsNullOrWhiteSpace(settings.Code))
        {
            throw new InvalidOperationException(
                $"No token to connect to the remote gateway: set {RemoteGatewayOptions.SectionName}:Token, or text /setup to the gateway and set {RemoteGatewayOptions.SectionName}:Code to the code it texts back.");
        }

        var token = await ExchangeAsync(settings, cancellationToken);
        await SaveAsync(token, cancellationToken);
        LogPaired(logger, settings.Url!.Authority, TokenPath);
        return token;
    }

    /// <summary>Forgets a stored token the gateway no longer accepts.</summary>
    public void Forget()
    {
        if (string.IsNullOrWhiteSpace(options.Value.Token))
        {
            File.Delete(TokenPath);
        }
    }

    private async Task<string> ExchangeAsync(RemoteGatewayOptions settings, CancellationToken cancellationToken)
    {
        var client = httpClientFactory.CreateClient(HttpClientName);
        try
        {
            var paired = await TapbackPairing.ExchangeAsync(settings.Url!, settings.Phone!, settings.Code!, client, cancellationToken);
            return paired.Token;
        }
        catch (TapbackApiException exception) when (exception.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.BadRequest or HttpStatusCode.TooManyRequests)
        {
            throw new InvalidOperationException(
                $"The remote gateway refused {RemoteGatewayOptions.SectionName}:Code ({(int)exception.StatusCode}): {exception.Detail} Text /setup to the gateway again and set the new code.", exception);
        }
        catch (TapbackApiException exception)
        {
            // A gateway that is starting or failing for now: the connection loop tries again after its backoff.
            throw new HttpRequestException(exception.Message, exception, exception.StatusCode);
        }
    }

    private async Task SaveAsync(string token, CancellationToken cancellationToken)
    {
        DataDirectory.CreateFolder(Path.GetDirectoryName(TokenPath)!);
        var temporary = TokenPath + ".tmp";
        // A leftover file would keep its old mode: the create mode applies only to a new file.
        File.Delete(temporary);

        // The token reads every message of the phone: only the owner may read it.
        await using (var stream = new FileStream(temporary, DataDirectory.NewFile(FileMode.Create)))
        await using (var writer = new StreamWriter(stream))
        {
            await writer.WriteAsync(token.AsMemory(), cancellationToken);
            await writer.FlushAsync(cancellationToken);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, TokenPath, overwrite: true);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Paired with the remote gateway at {Gateway}; the token is stored in {Path}.")]
    private static partial void LogPaired(ILogger logger, string gateway, string path);
}
