namespace Tapback.Gateway.Inbox;

/// <summary><c>Tapback:Gateway:Inbox</c>.</summary>
internal sealed class InboxOptions
{
    public const string SectionName = "Tapback:Gateway:Inbox";

    /// <summary>
    /// A message the provider says was sent longer ago than this (a catch-up backlog after downtime,
    /// an iCloud re-sync) is stored but not answered: nobody wants replies to last week's texts.
    /// </summary>
    public TimeSpan AnswerWindow { get; set; } = TimeSpan.FromMinutes(15);
}
