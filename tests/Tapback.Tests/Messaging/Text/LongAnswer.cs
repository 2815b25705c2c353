using System.Globalization;
using System.Text;

namespace Tapback.Tests.Messaging.Text;

/// <summary>A deterministic LLM-style answer mixing the things a splitter must not break.</summary>
internal static class LongAnswer
{
    private static readonly string[] Sentences =
    [
        "The setup takes about 3.5 minutes on a fresh machine.",
        "Ask Dr. Rivera about the results, e.g. The second run.",
        "See https://docs.example.com/v2.0.1/setup.html?lang=en&step=4 for the details.",
        "We processed 1,000,000 messages at 9 a.m. Monday without errors!",
        "Is that fast enough for you?",
        "The family emoji 👨‍👩‍👧‍👦 and the flag 🇺🇸 and a thumbs up 👍🏽 all survive.",
        "Version v10.0.2 fixed it, i.e. the retry loop now stops.",
        "J. R. R. Tolkien wrote more than we can quote here…",
        "Mr. and Mrs. Smith moved to St. Louis in the U.S. Last year.",
        "Run dotnet test --filter \"FullyQualifiedName~Messaging\" and wait.",
        "中文句子也要处理。没有空格！",
    ];

    public static string Build(int minimumLength)
    {
        var text = new StringBuilder();
        for (var i = 0; text.Length < minimumLength; i++)
        {
            // Long paragraphs, an occasional list, and paragraph breaks now and then.
            if (i % 17 == 16)
            {
                text.Append(CultureInfo.InvariantCulture, $"\n• item {i} with a few words\n• another item {i}.\n\n");
            }
            else
            {
                text.Append(Sentences[i * 7 % Sentences.Length]).Append(i % 23 == 22 ? "\n\n" : " ");
            }
        }

        return text.ToString();
    }
}
