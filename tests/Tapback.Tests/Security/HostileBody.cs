namespace Tapback.Tests.Security;

/// <summary>One generated request body: what it is (for the failure message), its bytes and content type.</summary>
internal sealed record HostileBody(string Kind, byte[] Content, string ContentType);
