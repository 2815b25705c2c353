using System.ComponentModel.DataAnnotations;
using Tapback.Gateway.Outbox;

namespace Tapback.AgentLink.Rest;

/// <summary>The REST API's limits and the pacing a <c>"split": true</c> send gets (<c>Tapback:Rest</c>).</summary>
internal sealed class RestOptions
{
    public const string SectionName = "Tapback:Rest";

    /// <summary>The shortest beat between two bubbles of a split send.</summary>
    public TimeSpan BubbleGapMin { get; set; } = TimeSpan.FromMilliseconds(700);

    /// <summary>The longest beat between two bubbles of a split send.</summary>
    public TimeSpan BubbleGapMax { get; set; } = TimeSpan.FromMilliseconds(1200);

    [Range(20, 10_000)]
    public int MaxBubbleLength { get; set; } = 280;

    /// <summary>How many files one send may name in <c>attachments</c>.</summary>
    [Range(0, 100)]
    public int MaxAttachments { get; set; } = 10;

    /// <summary>
    /// Lets <c>attachments</c> URLs reach loopback and private addresses (a file server on the same
    /// machine or LAN). Off by default: a caller could otherwise make Tapback read the inside network.
    /// </summary>
    public bool AllowPrivateAttachmentUrls { get; set; }

    /// <summary>Requests one integration token may make per <see cref="Window"/>; more is 429.</summary>
    [Range(1, int.MaxValue)]
    public int PermitLimit { get; set; } = 120;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The pace of a split send over REST or MCP (both take it from here).</summary>
    public BubblePace SplitPace() => new() { MaxBubbleLength = MaxBubbleLength, GapMin = BubbleGapMin, GapMax = BubbleGapMax };
}
