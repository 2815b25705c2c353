namespace Tapback.Hosting.Admin;

/// <summary>The admin credential: <c>Tapback:Admin</c>.</summary>
internal sealed class AdminOptions
{
    public const string SectionName = "Tapback:Admin";

    /// <summary>
    /// The token admin calls present as <c>Authorization: Bearer …</c>. When unset, Tapback makes one at
    /// first start, stores only its hash, and prints it once in the log.
    /// </summary>
    public string? Token { get; set; }
}
