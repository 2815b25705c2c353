namespace Tapback.Hosting.Admin;

internal enum AdminTokenResult
{
    Valid,
    Wrong,

    /// <summary>Too many wrong tokens from this client: not compared at all.</summary>
    Locked,
}
