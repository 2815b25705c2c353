namespace Tapback.Hosting.Admin;

/// <summary>The admin token's hash, known once <see cref="AdminCredentialInitializer"/> has run.</summary>
internal sealed class AdminCredential
{
    private volatile string? _tokenHash;

    public string? TokenHash => _tokenHash;

    public void Set(string tokenHash) => _tokenHash = tokenHash;
}
