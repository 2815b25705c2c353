using Tapback.Messaging.Text;

namespace Tapback.AgentLink.Frames;

/// <summary>
/// What an error frame may repeat of the client's own input: a client that sends a megabyte of
/// control characters as its frame type gets back a short, printable reminder of it, not the megabyte.
/// </summary>
internal static class FrameEcho
{
    /// <summary>Frame types and ids are short words; an echo of one is cut at this length.</summary>
    public const int MaxValueChars = 64;

    /// <summary>The longest <c>clientMessageId</c> the gateway accepts (the REST Idempotency-Key's limit too).</summary>
    public const int MaxClientMessageIdChars = 255;

    /// <summary>The longest error message; the fixed texts are far shorter, so this bounds only echoes.</summary>
    public const int MaxMessageChars = 1000;

    /// <summary>
    /// <paramref name="value"/> with control characters and broken surrogate pairs replaced by U+FFFD
    /// and cut (ending in …) so that it is at most <paramref name="max"/> characters.
    /// </summary>
    public static string Bounded(string value, int max = MaxValueChars) => EchoText.Bounded(value, max);
}
