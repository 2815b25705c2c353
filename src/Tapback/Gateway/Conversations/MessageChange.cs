namespace Tapback.Gateway.Conversations;

/// <summary>
/// A message as the person's edit or unsend left it, for the events that tell an agent of them.
/// <see cref="Text"/> is null once it was unsent: an unsent text never leaves the store again, not
/// even in an edit event that was queued before the unsend.
/// </summary>
internal sealed record MessageChange(string Sender, string? Text, DateTimeOffset? EditedAt, DateTimeOffset? UnsentAt);
