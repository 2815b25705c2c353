namespace Tapback.Gateway.Attachments;

/// <summary>
/// What an attachment's content type may be: an RFC 9110 media type (<c>type/subtype</c> tokens, then
/// <c>; name=value</c> parameters, a value a token or a quoted string), ASCII, no control characters,
/// at most 255 characters. It becomes a response header when the file is served, where a line break or
/// a non-ASCII character would fail every download, so every intake checks it: clients are refused
/// (<see cref="IsValid"/>), a provider's message is kept with <see cref="OrOctetStream"/> instead.
/// </summary>
internal static class ContentTypes
{
    public const string OctetStream = "application/octet-stream";

    public const int MaxLength = 255;

    /// <summary>The refusal's wording, for every surface that refuses one.</summary>
    public const string Rule = "a MIME type such as image/jpeg: type/subtype as RFC 9110 tokens, optional '; name=value' parameters, ASCII without line breaks, at most 255 characters";

    public static bool IsValid(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxLength)
        {
            return false;
        }

        var span = value.AsSpan().Trim(' ');
        var slash = span.IndexOf('/');
        if (slash <= 0)
        {
            return false;
        }

        var type = span[..slash];
        var rest = span[(slash + 1)..];
        var end = rest.IndexOf(';');
        var subtype = (end < 0 ? rest : rest[..end]).TrimEnd(' ');
        if (!IsToken(type) || !IsToken(subtype))
        {
            return false;
        }

        return end < 0 || AreParameters(rest[(end + 1)..]);
    }

    /// <summary>A provider's content type as it is when valid (trimmed), else <c>application/octet-stream</c>.</summary>
    public static string OrOctetStream(string? value) => IsValid(value) ? value!.Trim(' ') : OctetStream;

    // Parameters: *( OWS ";" OWS name "=" ( token / quoted-string ) ), the first ";" already taken.
    private static bool AreParameters(ReadOnlySpan<char> text)
    {
        while (true)
        {
            text = text.TrimStart(" \t");
            if (text.IsEmpty)
            {
                return true;
            }

            var equals = text.IndexOf('=');
            if (equals <= 0 || !IsToken(text[..equals]))
            {
                return false;
            }

            text = text[(equals + 1)..];
            int length;
            if (text.StartsWith('"'))
            {
                length = QuotedLength(text);
                if (length < 0)
                {
                    return false;
                }
            }
            else
            {
                length = 0;
                while (length < text.Length && IsTokenChar(text[length]))
                {
                    length++;
                }

                if (length == 0)
                {
                    return false;
                }
            }

            text = text[length..].TrimStart(" \t");
            if (text.IsEmpty)
            {
                return true;
            }

            if (text[0] != ';')
            {
                return false;
            }

            text = text[1..];
        }
    }

    // quoted-string = DQUOTE *( qdtext / quoted-pair ) DQUOTE, in printable ASCII and tabs only.
    private static int QuotedLength(ReadOnlySpan<char> text)
    {
        for (var index = 1; index < text.Length; index++)
        {
            var c = text[index];
            if (c == '"')
            {
                return index + 1;
            }

            if (c == '\\')
            {
                index++;
                if (index >= text.Length || !IsPrintable(text[index]))
                {
                    return -1;
                }
            }
            else if (!IsPrintable(c))
            {
                return -1;
            }
        }

        return -1;
    }

    private static bool IsToken(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!IsTokenChar(c))
            {
                return false;
            }
        }

        return true;
    }

    // tchar of RFC 9110 §5.6.2.
    private static bool IsTokenChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '.' or '^' or '_' or '`' or '|' or '~';

    private static bool IsPrintable(char c) => c == '\t' || (c >= ' ' && c < '\u007f');
}
