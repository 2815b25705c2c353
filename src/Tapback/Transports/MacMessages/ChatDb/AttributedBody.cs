using System.Text;

namespace Tapback.Transports.MacMessages.ChatDb;

/// <summary>
/// Reads the text out of <c>message.attributedBody</c>, an NSAttributedString in Apple's typedstream
/// archive, which newer macOS writes instead of <c>message.text</c>. The string follows the
/// <c>NSString</c> class name as <c>0x84 0x01 '+'</c>, a length, then UTF-8 bytes. A length below
/// 0x80 is one byte; 0x81 announces a 2-byte and 0x82 a 4-byte little-endian length.
/// </summary>
internal static class AttributedBody
{
    private static readonly byte[] StringClass = "NSString"u8.ToArray();

    public static string? TryReadText(ReadOnlySpan<byte> blob)
    {
        var at = blob.IndexOf(StringClass);
        if (at < 0)
        {
            return null;
        }

        // The string's type marker '+' comes within a few bytes of the class name (after its version).
        var rest = blob[(at + StringClass.Length)..];
        var marker = rest[..Math.Min(rest.Length, 16)].IndexOf((byte)'+');
        if (marker < 0)
        {
            return null;
        }

        rest = rest[(marker + 1)..];
        if (!TryReadLength(rest, out var length, out var width) || length < 0 || width + length > rest.Length)
        {
            return null;
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(rest.Slice(width, (int)length));
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static bool TryReadLength(ReadOnlySpan<byte> span, out long length, out int width)
    {
        length = 0;
        width = 0;
        if (span.IsEmpty)
        {
            return false;
        }

        switch (span[0])
        {
            case 0x81 when span.Length >= 3:
                length = span[1] | (span[2] << 8);
                width = 3;
                return true;
            case 0x82 when span.Length >= 5:
                length = (uint)(span[1] | (span[2] << 8) | (span[3] << 16) | (span[4] << 24));
                width = 5;
                return true;
            case < 0x80:
                length = span[0];
                width = 1;
                return true;
            default:
                return false;
        }
    }
}
