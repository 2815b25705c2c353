using Tapback.Messaging;

namespace Tapback.Transports.Simulator;

/// <summary>
/// Apple's limits on changing a sent iMessage (<see cref="MessageChangeWindows"/>), as the simulated
/// phone applies them to its own messages, in the words a person on the page reads.
/// </summary>
internal static class PhoneEditRules
{
    private const int MaxEdits = MessageChangeWindows.MaxEdits;

    private static readonly TimeSpan EditWindow = MessageChangeWindows.Edit;

    private static readonly TimeSpan UnsendWindow = MessageChangeWindows.Unsend;

    /// <summary>Why the phone cannot edit <paramref name="message"/> now; null when it can.</summary>
    public static string? WhyNoEdit(PhoneMessage message, DateTimeOffset now) => message switch
    {
        { Unsent: true } => "The message was unsent; there is nothing left to edit.",
        { IsSms: true } => "The message went as SMS, which cannot be edited.",
        _ when now - message.SentAt > EditWindow => $"A message can be edited for {EditWindow.TotalMinutes:0} minutes after it was sent; this one was sent {Minutes(now - message.SentAt)} ago.",
        { Edits: >= MaxEdits } => $"A message can be edited {MaxEdits} times; this one has been.",
        _ => null,
    };

    /// <summary>Why the phone cannot unsend <paramref name="message"/> now; null when it can.</summary>
    public static string? WhyNoUnsend(PhoneMessage message, DateTimeOffset now) => message switch
    {
        { Unsent: true } => "The message was already unsent.",
        { IsSms: true } => "The message went as SMS, which cannot be unsent.",
        _ when now - message.SentAt > UnsendWindow => $"A message can be unsent for {UnsendWindow.TotalMinutes:0} minutes after it was sent; this one was sent {Minutes(now - message.SentAt)} ago.",
        _ => null,
    };

    private static string Minutes(TimeSpan age) =>
        age < TimeSpan.FromMinutes(1) ? "under a minute" : age.TotalMinutes < 2 ? "1 minute" : $"{(int)age.TotalMinutes} minutes";
}
