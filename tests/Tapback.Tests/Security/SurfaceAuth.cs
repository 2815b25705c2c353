namespace Tapback.Tests.Security;

/// <summary>Which credential a fuzzed request carries, so the body reaches the code behind the auth check.</summary>
internal enum SurfaceAuth
{
    None,
    Integration,
    Admin,

    /// <summary>Blooio's <c>X-Blooio-Signature</c>: an HMAC of the hostile body itself, at the host's time.</summary>
    BlooioSignature,

    /// <summary>Sendblue's static <c>sb-signing-secret</c> header.</summary>
    SendblueSecret,
}
