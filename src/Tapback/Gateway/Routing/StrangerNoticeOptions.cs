namespace Tapback.Gateway.Routing;

/// <summary>
/// What a sender no agent answers gets: <c>Tapback:Gateway:StrangerNotice</c>. Off by default (no
/// text), so the number stays silent to strangers.
/// </summary>
internal sealed class StrangerNoticeOptions
{
    public const string SectionName = "Tapback:Gateway:StrangerNotice";

    /// <summary>The notice, e.g. "This number isn't set up for you."; empty sends none.</summary>
    public string? Text { get; set; }

    /// <summary>At most one notice per conversation in this time.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromDays(1);
}
