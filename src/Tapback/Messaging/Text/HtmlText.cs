using System.Buffers;
using System.Net;
using System.Text;

namespace Tapback.Messaging.Text;

/// <summary>
/// The readable text of a raw HTML block a model emitted. Not an HTML parser: it drops tags,
/// comments and script/style bodies, decodes entities, and keeps block ends as line breaks.
/// </summary>
internal static class HtmlText
{
    private static readonly string[] BlockTags = ["br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "ul", "ol", "table"];
    private static readonly string[] HiddenTags = ["script", "style"];
    private static readonly SearchValues<char> TagNameEnd = SearchValues.Create(" \t\r\n/>");

    public static bool IsLineBreakTag(string tag) => string.Equals(TagName(tag), "br", StringComparison.Ordinal);

    public static string ToPlainText(string html)
    {
        var text = new StringBuilder();
        var i = 0;
        while (i < html.Length)
        {
            if (html.AsSpan(i).StartsWith("<!--", StringComparison.Ordinal))
            {
                var close = html.IndexOf("-->", i, StringComparison.Ordinal);
                i = close < 0 ? html.Length : close + 3;
            }
            else if (StartsTag(html, i) && html.IndexOf('>', i) is var end and > 0)
            {
                var name = TagName(html[i..(end + 1)]);
                i = end + 1;
                if (HiddenTags.Contains(name) && html[i - 2] != '/')
                {
                    var close = html.IndexOf("</" + name, i, StringComparison.OrdinalIgnoreCase);
                    i = close < 0 ? html.Length : close;
                }
                else if (BlockTags.Contains(name))
                {
                    text.Append('\n');
                }
            }
            else
            {
                text.Append(html[i++]);
            }
        }

        var lines = WebUtility.HtmlDecode(text.ToString())
            .Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.Length > 0);
        return string.Join('\n', lines);
    }

    // "a < b" in prose is not a tag.
    private static bool StartsTag(string html, int i) =>
        html[i] == '<' && i + 1 < html.Length && (char.IsAsciiLetter(html[i + 1]) || html[i + 1] is '/' or '!' or '?');

    // "<BR/>", "</p>", "<a href=x>" → "br", "p", "a".
    private static string TagName(string tag)
    {
        var name = tag.AsSpan().TrimStart('<').TrimStart('/');
        var stop = name.IndexOfAny(TagNameEnd);
        return (stop < 0 ? name : name[..stop]).ToString().ToLowerInvariant();
    }
}
