namespace Tapback.Agent.Models;

/// <summary>Small rules for the addresses users configure.</summary>
internal static class BaseUrls
{
    /// <summary>Drops a trailing <c>/v1</c> for SDKs and probes that add the version path themselves.</summary>
    public static string WithoutV1(string path)
    {
        var trimmed = path.TrimEnd('/');
        return trimmed.EndsWith("/v1", StringComparison.OrdinalIgnoreCase) ? trimmed[..^3] : trimmed;
    }

    public static Uri WithoutV1(Uri uri) => new UriBuilder(uri) { Path = WithoutV1(uri.AbsolutePath) }.Uri;

    /// <summary>The address without user info, query or fragment, where a secret could hide.</summary>
    public static Uri Redact(Uri uri) =>
        new(uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped));

    /// <summary>The address as people write it: no trailing slash.</summary>
    public static string Display(Uri uri) => Redact(uri).AbsoluteUri.TrimEnd('/');
}
