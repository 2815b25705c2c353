using System.Text;

namespace Tapback.Gateway.ContactCards;

/// <summary>
/// A contact card as a vCard 3.0 file, the version an iPhone writes when it shares a contact and reads
/// best (4.0 imports lose fields on older iOS). No vCard library is served on the package mirror, so
/// this writes the few properties Tapback needs by the rules vCard 3.0 (RFC 2426) and 4.0 (RFC 6350
/// §3.2, §3.4) share: CRLF line ends, lines folded at 75 octets with a leading space, and text values
/// with backslash, comma, semicolon and line breaks escaped.
/// </summary>
internal sealed record VCard
{
    public const string ContentType = "text/vcard";

    /// <summary>The name shown (FN) and sorted by (N, whole in the family-name slot: a bot has no given name).</summary>
    public required string Name { get; init; }

    /// <summary>A phone number in E.164, or null.</summary>
    public string? Phone { get; init; }

    /// <summary>An email address (an Apple ID reached over iMessage), or null.</summary>
    public string? Email { get; init; }

    /// <summary>The job title line; says plainly that the contact is an AI agent.</summary>
    public string? Title { get; init; }

    public string? Note { get; init; }

    /// <summary>The card as UTF-8 bytes, ending in CRLF.</summary>
    public byte[] ToBytes()
    {
        var lines = new List<string> { "BEGIN:VCARD", "VERSION:3.0", "PRODID:-//Tapback//Contact Card//EN" };
        lines.Add($"N:{Escape(Name)};;;;");
        lines.Add($"FN:{Escape(Name)}");
        if (!string.IsNullOrWhiteSpace(Title))
        {
            lines.Add($"TITLE:{Escape(Title)}");
        }

        if (!string.IsNullOrWhiteSpace(Phone))
        {
            // iOS files TYPE=CELL numbers under "mobile", where iMessage looks for them.
            lines.Add($"TEL;TYPE=CELL;TYPE=VOICE;TYPE=pref:{Escape(Phone)}");
        }

        if (!string.IsNullOrWhiteSpace(Email))
        {
            lines.Add($"EMAIL;TYPE=INTERNET;TYPE=pref:{Escape(Email)}");
        }

        if (!string.IsNullOrWhiteSpace(Note))
        {
            lines.Add($"NOTE:{Escape(Note)}");
        }

        lines.Add("END:VCARD");
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            text.Append(Fold(line)).Append("\r\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>A TEXT value escaped (RFC 6350 §3.4): a bare comma or semicolon would split the value.</summary>
    public static string Escape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var escaped = new StringBuilder(value.Length);
        for (var index = 0; index < value.Length; index++)
        {
            var c = value[index];
            switch (c)
            {
                case '\\' or ',' or ';':
                    escaped.Append('\\').Append(c);
                    break;
                case '\r':
                    escaped.Append("\\n");
                    if (index + 1 < value.Length && value[index + 1] == '\n')
                    {
                        index++;
                    }

                    break;
                case '\n':
                    escaped.Append("\\n");
                    break;
                default:
                    // Other control characters have no place in a card and no escape.
                    if (!char.IsControl(c))
                    {
                        escaped.Append(c);
                    }

                    break;
            }
        }

        return escaped.ToString();
    }

    /// <summary>
    /// A content line folded at 75 octets (RFC 6350 §3.2), never inside a UTF-8 sequence or between
    /// the halves of a surrogate pair; each continuation starts with one space, which counts.
    /// </summary>
    public static string Fold(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (Encoding.UTF8.GetByteCount(line) <= 75)
        {
            return line;
        }

        var folded = new StringBuilder();
        var octets = 0;
        var limit = 75;
        for (var index = 0; index < line.Length; index++)
        {
            var width = char.IsHighSurrogate(line[index]) && index + 1 < line.Length ? 2 : 1;
            var size = Encoding.UTF8.GetByteCount(line.AsSpan(index, width));
            if (octets + size > limit)
            {
                folded.Append("\r\n ");
                octets = 1;
                limit = 75;
            }

            folded.Append(line, index, width);
            octets += size;
            index += width - 1;
        }

        return folded.ToString();
    }
}
