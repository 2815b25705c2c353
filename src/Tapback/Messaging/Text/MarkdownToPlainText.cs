using Markdig;
using Markdig.Extensions.EmphasisExtras;

namespace Tapback.Messaging.Text;

/// <summary>
/// Turns an LLM's markdown answer into the plain text a bubble shows: no markup characters, links
/// kept as visible URLs, one paragraph per block separated by one blank line (which is where
/// <see cref="BubbleSplitter"/> starts a new bubble).
/// </summary>
internal static class MarkdownToPlainText
{
    // Built once: a pipeline is immutable and safe to share. Auto-links keep bare URLs away from
    // the emphasis parser (https://x.io/a_b_c). Only ~~strike~~ of the extras: single tildes are
    // "approximately" in chat text, not subscript.
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseAutoLinks()
        .UseEmphasisExtras(EmphasisExtraOptions.Strikethrough)
        .Build();

    public static string Convert(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var paragraphs = new List<string>();
        BlockText.AppendBlocks(Markdown.Parse(markdown, Pipeline), paragraphs);
        return string.Join("\n\n", paragraphs).Trim();
    }
}
