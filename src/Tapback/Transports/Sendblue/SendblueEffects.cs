using Tapback.Messaging;

namespace Tapback.Transports.Sendblue;

/// <summary>
/// Sendblue's <c>send_style</c> names (docs.sendblue.com, expressive messages): Tapback's own names but
/// <c>invisible</c> for invisible ink. Sendblue's <c>shooting_star</c> has no Tapback effect and reads as none.
/// </summary>
internal static class SendblueEffects
{
    private const string InvisibleInk = "invisible";

    public static string ToSendStyle(MessageEffect effect) =>
        effect == MessageEffect.InvisibleInk ? InvisibleInk : effect.ToWire();

    public static MessageEffect? FromSendStyle(string? sendStyle) =>
        string.Equals(sendStyle, InvisibleInk, StringComparison.OrdinalIgnoreCase) ? MessageEffect.InvisibleInk
        : MessageEffects.TryParse(sendStyle, out var effect) ? effect
        : null;
}
