namespace Tapback.Hosting.Admin;

/// <summary>The admin credential: <c>Tapback:Admin</c>.</summary>
internal sealed class AdminOptions
{
    public const string SectionName = "Tapback:Admin";

    /// <summary>The shortest configured token accepted: a guessable token is refused at start.</summary>
    public const int MinTokenLength = 32;

    /// <summary>
    /// The token admin calls present as <c>Authorization: Bearer …</c>. When unset, Tapback makes one at
    /// first start, stores only its hash, and prints it once in the log.
    /// </summary>
    public string? Token { get; set; }

    /// <summary>Wrong admin tokens one client address may present per <see cref="FailureWindow"/>; the next is answered 429.</summary>
    public int MaxFailedAttempts { get; set; } = 10;

    /// <summary>The window wrong tokens are counted in, from a client's first wrong token; a locked-out client waits for its end.</summary>
    public TimeSpan FailureWindow { get; set; } = TimeSpan.FromMinutes(15);
}
