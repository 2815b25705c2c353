using Markdig.Extensions.Tables;
using Markdig.Syntax;

namespace Tapback.Messaging.Text;

/// <summary>Renders markdown blocks as plain-text paragraphs, one or more per block.</summary>
internal static class BlockText
{
    public static void AppendBlocks(IEnumerable<Block> blocks, List<string> paragraphs)
    {
        foreach (var block in blocks)
        {
            AppendBlock(block, paragraphs);
        }
    }

    public static void AppendBlock(Block block, List<string> paragraphs)
    {
        switch (block)
        {
            case ThematicBreakBlock or LinkReferenceDefinitionGroup:
                break;
            case CodeBlock code:
                Add(paragraphs, CodeText(code));
                break;
            case HtmlBlock html:
                Add(paragraphs, HtmlText.ToPlainText(LinesText(html)));
                break;
            case LeafBlock leaf:
                Add(paragraphs, leaf.Inline is null ? LinesText(leaf) : InlineText.Render(leaf.Inline));
                break;
            case ListBlock list:
                Add(paragraphs, ListText.Render(list));
                break;
            case Table table:
                Add(paragraphs, TableText(table));
                break;
            case ContainerBlock inner:
                // Block quotes and unknown containers read as their text.
                AppendBlocks(inner, paragraphs);
                break;
        }
    }

    private static void Add(List<string> paragraphs, string text)
    {
        // Trim only line ends at the start so a code block's first-line indentation survives.
        text = text.TrimStart('\r', '\n').TrimEnd();
        if (text.Length > 0)
        {
            paragraphs.Add(text);
        }
    }

    private static string CodeText(CodeBlock code) =>
        string.Join('\n', LinesText(code).Split('\n').Select(line => line.TrimEnd()));

    private static string LinesText(LeafBlock leaf)
    {
        var lines = new string[leaf.Lines.Count];
        for (var i = 0; i < lines.Length; i++)
        {
            lines[i] = leaf.Lines.Lines[i].Slice.ToString();
        }

        return string.Join('\n', lines);
    }

    private static string TableText(Table table)
    {
        var lines = new List<string>();
        foreach (var row in table.OfType<TableRow>())
        {
            var cells = row.OfType<TableCell>().Select(cell =>
            {
                var parts = new List<string>();
                AppendBlocks(cell, parts);
                return string.Join(' ', parts);
            });
            lines.Add(string.Join(" | ", cells).Trim());
        }

        return string.Join('\n', lines);
    }
}
