namespace Tapback.Tests.Security;

/// <summary>Which credential a fuzzed request carries, so the body reaches the code behind the auth check.</summary>
internal enum SurfaceAuth
{
    None,
    Integration,
    Admin,
}
