namespace Tapback.Storage;

/// <summary>Prefixed, time-ordered ids (<c>msg_…</c>, <c>conv_…</c>): sortable, and readable in logs.</summary>
internal static class Ids
{
    public static string New(string prefix) => $"{prefix}_{Guid.CreateVersion7():N}";

    /// <summary>
    /// A fresh unique key without a prefix (an event id or an idempotency key Tapback makes up itself),
    /// time-ordered like <see cref="New"/>: stored under a unique index it lands on that index's last
    /// page, where a random one would dirty a page of its own in each write (docs/benchmarks.md, "Fifth pass").
    /// </summary>
    public static string NewKey() => Guid.CreateVersion7().ToString("N");

    /// <summary>
    /// The same id for the same parts, every time: lets a caller name a record before it is stored, so
    /// a retry (or a racing duplicate) lands on the same record.
    /// </summary>
    public static string Derived(string prefix, params string[] parts)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join('\u001f', parts)));
        return $"{prefix}_{Convert.ToHexStringLower(hash.AsSpan(0, 16))}";
    }
}
