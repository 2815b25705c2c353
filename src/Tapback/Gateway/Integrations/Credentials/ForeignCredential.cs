namespace Tapback.Gateway.Integrations.Credentials;

/// <summary>
/// A credential of another kind that callers present to the integration surfaces by mistake, known by
/// its prefix, and the sentence that says so. The kind's owner registers it (the admin token's is in
/// Hosting/Admin, above this folder), so its prefix keeps one home; matching a prefix compares no
/// secret, so the surfaces' 401 reveals nothing a guesser could use.
/// </summary>
internal sealed record ForeignCredential(string Prefix, string Detail);
