namespace Tapback.Hosting.Admin;

/// <summary>What <see cref="AdminTokenGuard.Verify"/> made of a presented token; <see cref="RetryAfter"/> is set when locked out.</summary>
internal readonly record struct AdminTokenVerdict(AdminTokenResult Result, TimeSpan? RetryAfter);
