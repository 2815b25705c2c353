namespace Tapback.Storage;

/// <summary>Prefixed, time-ordered ids (<c>msg_…</c>, <c>conv_…</c>): sortable, and readable in logs.</summary>
internal static class Ids
{
    public static string New(string prefix) => $"{prefix}_{Guid.CreateVersion7():N}";
}
