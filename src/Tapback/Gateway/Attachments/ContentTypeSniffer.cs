using System.Text;

namespace Tapback.Gateway.Attachments;

/// <summary>
/// The content type a file's first bytes show, for the formats phones send (JPEG, PNG, GIF, WebP,
/// HEIC/HEIF, MP4/MOV/M4A, CAF, PDF, vCard). A provider's label can be wrong: a BlueBubbles server that
/// converted a HEIC to JPEG still says image/heic. No library on the package mirror does this for
/// these formats without a native libmagic, so it is this small table of magic numbers.
/// </summary>
internal static class ContentTypeSniffer
{
    // Labels that name the same format: never "corrected" into each other.
    private static readonly string[][] SameFormat =
    [
        ["image/jpeg", "image/jpg", "image/pjpeg"],
        ["image/heic", "image/heif", "image/heic-sequence", "image/heif-sequence"],
        ["audio/mp4", "audio/x-m4a", "audio/m4a", "audio/aac"],
        ["video/mp4", "video/quicktime", "video/x-m4v", "video/3gpp"],
        ["audio/x-caf", "audio/caf"],
        ["text/vcard", "text/x-vcard", "text/directory"],
    ];

    /// <summary>The type the bytes show where it disagrees with <paramref name="label"/>; else the label.</summary>
    public static string Resolve(string label, ReadOnlySpan<byte> content)
    {
        var sniffed = Sniff(content);
        // A generic MP4 container holds sound as well as pictures: an audio label on one stands.
        if (sniffed is null || Same(label, sniffed) || (sniffed == "video/mp4" && label.StartsWith("audio/", StringComparison.OrdinalIgnoreCase)))
        {
            return label;
        }

        return sniffed;
    }

    /// <summary>The type the first bytes show, or null when they match no format in the table.</summary>
    public static string? Sniff(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return "image/jpeg";
        }

        if (content.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return "image/png";
        }

        if (content.StartsWith("GIF87a"u8) || content.StartsWith("GIF89a"u8))
        {
            return "image/gif";
        }

        if (content.Length >= 12 && content.StartsWith("RIFF"u8) && content[8..12].SequenceEqual("WEBP"u8))
        {
            return "image/webp";
        }

        if (content.StartsWith("caff"u8))
        {
            return "audio/x-caf";
        }

        if (content.StartsWith("%PDF-"u8))
        {
            return "application/pdf";
        }

        // A contact card (RFC 6350), often served as text/plain or octet-stream: iMessage shows it as a card only as text/vcard.
        if (StartsWithIgnoringCase(content.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? content[3..] : content, "BEGIN:VCARD"u8))
        {
            return "text/vcard";
        }

        // ISO base media (HEIC, MP4, MOV, M4A): a box of type "ftyp" whose major brand names the kind.
        if (content.Length >= 12 && content[4..8].SequenceEqual("ftyp"u8))
        {
            return Encoding.ASCII.GetString(content[8..12]) switch
            {
                "heic" or "heix" or "heim" or "heis" or "hevc" or "hevx" => "image/heic",
                "mif1" or "msf1" => "image/heif",
                "avif" or "avis" => "image/avif",
                "M4A " or "M4B " => "audio/mp4",
                "qt  " => "video/quicktime",
                "isom" or "iso2" or "mp41" or "mp42" or "avc1" or "3gp4" or "3gp5" => "video/mp4",
                _ => null,
            };
        }

        return null;
    }

    private static bool StartsWithIgnoringCase(ReadOnlySpan<byte> content, ReadOnlySpan<byte> upper) =>
        content.Length >= upper.Length && System.Text.Ascii.EqualsIgnoreCase(content[..upper.Length], upper);

    private static bool Same(string label, string sniffed)
    {
        var bare = label.Split(';', 2)[0].Trim();
        return string.Equals(bare, sniffed, StringComparison.OrdinalIgnoreCase)
            || SameFormat.Any(names => names.Contains(bare, StringComparer.OrdinalIgnoreCase) && names.Contains(sniffed, StringComparer.Ordinal));
    }
}
