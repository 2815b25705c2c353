using System.Text;
using Markdig.Syntax.Inlines;

namespace Tapback.Messaging.Text;

/// <summary>The visible text of a paragraph's inlines: markup dropped, link targets kept.</summary>
internal static class InlineText
{
    public static string Render(ContainerInline container)
    {
        var text = new StringBuilder();
        Append(text, container);
        return text.ToString();
    }

    private static void Append(StringBuilder text, Inline inline)
    {
        switch (inline)
        {
            case LiteralInline literal:
                text.Append(literal.Content.ToString());
                break;
            case CodeInline code:
                text.Append(code.Content);
                break;
            case LineBreakInline lineBreak:
                text.Append(lineBreak.IsHard ? '\n' : ' ');
                break;
            case AutolinkInline autolink:
                text.Append(autolink.Url);
                break;
            case HtmlEntityInline entity:
                text.Append(entity.Transcoded.ToString());
                break;
            case HtmlInline html:
                // The text between tags is already literal; only a <br> carries meaning.
                if (HtmlText.IsLineBreakTag(html.Tag))
                {
                    text.Append('\n');
                }

                break;
            case LinkInline link:
                text.Append(LinkText(link));
                break;
            case ContainerInline container:
                // Emphasis, strikethrough and anything else that only wraps text.
                foreach (var child in container)
                {
                    Append(text, child);
                }

                break;
        }
    }

    private static string LinkText(LinkInline link)
    {
        var label = new StringBuilder();
        foreach (var child in link)
        {
            Append(label, child);
        }

        var text = label.ToString().Trim();
        var url = (link.GetDynamicUrl?.Invoke() ?? link.Url ?? string.Empty).Trim();

        // A bare URL the auto-link extension found reads best exactly as it was typed.
        if (link.IsAutoLink)
        {
            return text.Length > 0 ? text : url;
        }

        if (url.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
        {
            url = url["mailto:".Length..];
        }

        // In-page anchors lead nowhere in a chat bubble.
        if (url.Length == 0 || url.StartsWith('#'))
        {
            return text;
        }

        return text.Length == 0 || SameTarget(text, url) ? url : $"{text} ({url})";
    }

    private static bool SameTarget(string text, string url) =>
        string.Equals(Bare(text), Bare(url), StringComparison.OrdinalIgnoreCase);

    // "x.io/docs", "https://x.io/docs" and "https://x.io/docs/" name the same page.
    private static string Bare(string url)
    {
        foreach (var scheme in (ReadOnlySpan<string>)["https://", "http://"])
        {
            if (url.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            {
                url = url[scheme.Length..];
                break;
            }
        }

        return url.TrimEnd('/');
    }
}
