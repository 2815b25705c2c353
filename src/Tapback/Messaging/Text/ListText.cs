using System.Globalization;
using Markdig.Syntax;

namespace Tapback.Messaging.Text;

/// <summary>
/// A list as one paragraph of lines: "• " for bullets (the bullet iOS users see in Notes),
/// "1. " numbering for ordered lists, two spaces of indentation per nesting level.
/// </summary>
internal static class ListText
{
    public const string Bullet = "• ";
    private const string Indent = "  ";

    public static string Render(ListBlock list)
    {
        var lines = new List<string>();
        AppendList(list, string.Empty, lines);
        return string.Join('\n', lines);
    }

    private static void AppendList(ListBlock list, string indent, List<string> lines)
    {
        // Renumber from the start: models often write "1." on every item.
        var number = list.IsOrdered && int.TryParse(list.OrderedStart, NumberStyles.None, CultureInfo.InvariantCulture, out var start)
            ? start
            : 1;
        foreach (var item in list.OfType<ListItemBlock>())
        {
            var marker = list.IsOrdered ? $"{number++.ToString(CultureInfo.InvariantCulture)}. " : Bullet;
            AppendItem(item, indent, marker, lines);
        }
    }

    private static void AppendItem(ListItemBlock item, string indent, string marker, List<string> lines)
    {
        var first = true;
        foreach (var child in item)
        {
            if (child is ListBlock nested)
            {
                if (first)
                {
                    lines.Add(indent + marker.TrimEnd());
                    first = false;
                }

                AppendList(nested, indent + Indent, lines);
                continue;
            }

            var paragraphs = new List<string>();
            BlockText.AppendBlock(child, paragraphs);
            foreach (var line in paragraphs.SelectMany(p => p.Split('\n')))
            {
                lines.Add(first ? indent + marker + line : line.Length == 0 ? line : indent + Indent + line);
                first = false;
            }
        }

        if (first)
        {
            lines.Add(indent + marker.TrimEnd());
        }
    }
}
