using Microsoft.Extensions.Options;
using Tapback.Gateway.Pairing;

namespace Tapback.Hosting.Admin;

/// <summary>
/// Settles the admin credential at start: the configured token, or one made at first start whose hash
/// is stored and whose value is printed this once (the only time it exists outside the operator's hands).
/// </summary>
internal sealed partial class AdminCredentialInitializer(
    IOptions<AdminOptions> options,
    GatewaySecretStore secrets,
    AdminCredential credential,
    ILogger<AdminCredentialInitializer> logger) : IHostedService
{
    public const string SecretName = "admin_token_sha256";
    public const string TokenPrefix = "tba_";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(options.Value.Token))
        {
            credential.Set(Secrets.Hash(options.Value.Token.Trim()));
            return;
        }

        var token = Secrets.NewToken(TokenPrefix);
        var (hash, created) = await secrets.GetOrCreateAsync(SecretName, () => Secrets.Hash(token), cancellationToken);
        credential.Set(hash);
        if (created)
        {
            LogGenerated(logger, token);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Generated the admin token (shown only this once; Tapback keeps only its hash): {Token} . Use it as 'Authorization: Bearer <token>' for /api/admin, or set Tapback:Admin:Token.")]
    private static partial void LogGenerated(ILogger logger, string token);
}
