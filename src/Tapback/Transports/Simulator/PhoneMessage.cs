namespace Tapback.Transports.Simulator;

/// <summary>A message as a simulated phone shows it now (<see cref="PhoneLog.FindMessageAsync"/>).</summary>
/// <param name="Handle">The chat it is in: the phone's number, or <c>group:&lt;id&gt;</c>.</param>
/// <param name="FromMe">True for the phone's own message, false for an agent bubble.</param>
/// <param name="Service">"SMS" when it went as a text message; null for iMessage.</param>
/// <param name="Text">Its current text (the latest edit's).</param>
/// <param name="From">In a group, the member who sent it.</param>
internal sealed record PhoneMessage(string Handle, bool FromMe, DateTimeOffset SentAt, string? Service, string? Text, int Edits, bool Unsent, string? From)
{
    public bool IsSms => Service == Messaging.MessageServices.Sms;
}
