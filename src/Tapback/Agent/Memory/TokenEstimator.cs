using Microsoft.Extensions.AI;

namespace Tapback.Agent.Memory;

/// <summary>
/// A provider-neutral token estimate: about four characters a token for text, a flat cost per image.
/// It errs high, which is the safe side for a budget.
/// </summary>
internal static class TokenEstimator
{
    private const int PerMessage = 4;
    private const int PerImage = 1_200;

    public static int Estimate(string? text) => string.IsNullOrEmpty(text) ? 0 : (text.Length + 3) / 4;

    public static int Estimate(ChatMessage message) =>
        PerMessage + message.Contents.Sum(content => content switch
        {
            TextContent text => Estimate(text.Text),
            DataContent data when data.HasTopLevelMediaType("image") => PerImage,
            DataContent data => Estimate(data.Name) + 16,
            _ => 16,
        });

    public static int Estimate(IEnumerable<ChatMessage> messages) => messages.Sum(Estimate);
}
