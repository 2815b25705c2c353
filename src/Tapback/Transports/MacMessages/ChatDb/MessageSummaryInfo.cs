namespace Tapback.Transports.MacMessages.ChatDb;

/// <summary>
/// Reads <c>message.message_summary_info</c>, the binary plist Messages keeps for an edited message:
/// under <c>ec</c> (edited content) each part's versions, oldest first, each one's text a typedstream
/// (<c>t</c>) like <c>attributedBody</c>. A plist keeps a data value whole, so each version is a
/// typedstream archive of its own inside the blob, in the order the array holds them. Tapback reads the
/// newest only when the row's own body gives no text; its own history of the message is message_edits.
/// </summary>
internal static class MessageSummaryInfo
{
    private static readonly byte[] Header = "streamtyped"u8.ToArray();

    /// <summary>The text of the newest version the blob holds; null when it holds none Tapback can read.</summary>
    public static string? LatestText(ReadOnlySpan<byte> blob)
    {
        string? latest = null;
        var at = blob.IndexOf(Header);
        while (at >= 0)
        {
            var rest = blob[(at + Header.Length)..];
            var next = rest.IndexOf(Header);
            var archive = next < 0 ? rest : rest[..next];
            latest = AttributedBody.TryReadText(archive) ?? latest;
            at = next < 0 ? -1 : at + Header.Length + next;
        }

        return latest;
    }
}
