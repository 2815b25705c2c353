using System.Diagnostics.CodeAnalysis;

namespace Tapback.Messaging;

/// <summary>
/// Wire names of <see cref="MessageEffect"/> (lower-case snake case, as in the JSON APIs) and Apple's
/// own identifiers, which BlueBubbles' Private API and <c>chat.db</c>'s <c>expressive_send_style_id</c> use.
/// </summary>
internal static class MessageEffects
{
    public const string AllowedValues = "slam, loud, gentle, invisible_ink, confetti, fireworks, lasers, love, balloons, celebration, echo, spotlight";

    private static readonly (MessageEffect Effect, string Wire, string AppleId)[] Table =
    [
        (MessageEffect.Slam, "slam", "com.apple.MobileSMS.expressivesend.impact"),
        (MessageEffect.Loud, "loud", "com.apple.MobileSMS.expressivesend.loud"),
        (MessageEffect.Gentle, "gentle", "com.apple.MobileSMS.expressivesend.gentle"),
        (MessageEffect.InvisibleInk, "invisible_ink", "com.apple.MobileSMS.expressivesend.invisibleink"),
        (MessageEffect.Confetti, "confetti", "com.apple.messages.effect.CKConfettiEffect"),
        (MessageEffect.Fireworks, "fireworks", "com.apple.messages.effect.CKFireworksEffect"),
        (MessageEffect.Lasers, "lasers", "com.apple.messages.effect.CKLasersEffect"),
        (MessageEffect.Love, "love", "com.apple.messages.effect.CKHeartEffect"),
        (MessageEffect.Balloons, "balloons", "com.apple.messages.effect.CKHappyBirthdayEffect"),
        (MessageEffect.Celebration, "celebration", "com.apple.messages.effect.CKSparklesEffect"),
        (MessageEffect.Echo, "echo", "com.apple.messages.effect.CKEchoEffect"),
        (MessageEffect.Spotlight, "spotlight", "com.apple.messages.effect.CKSpotlightEffect"),
    ];

    public static string ToWire(this MessageEffect effect) => Row(effect).Wire;

    /// <summary>Apple's identifier, as <c>expressive_send_style_id</c> and BlueBubbles' <c>effectId</c> carry it.</summary>
    public static string ToAppleId(this MessageEffect effect) => Row(effect).AppleId;

    /// <summary>True for the effects that fill the screen; false for those that animate the bubble.</summary>
    public static bool IsScreenEffect(this MessageEffect effect) =>
        effect is not (MessageEffect.Slam or MessageEffect.Loud or MessageEffect.Gentle or MessageEffect.InvisibleInk);

    public static bool TryParse([NotNullWhen(true)] string? value, out MessageEffect effect)
    {
        var wire = value?.Trim().ToLowerInvariant();
        foreach (var row in Table)
        {
            if (row.Wire == wire)
            {
                effect = row.Effect;
                return true;
            }
        }

        effect = default;
        return false;
    }

    /// <summary>The effect an Apple identifier names; false for one Tapback does not know (a newer effect).</summary>
    public static bool TryParseAppleId([NotNullWhen(true)] string? appleId, out MessageEffect effect)
    {
        foreach (var row in Table)
        {
            if (string.Equals(row.AppleId, appleId, StringComparison.Ordinal))
            {
                effect = row.Effect;
                return true;
            }
        }

        effect = default;
        return false;
    }

    private static (MessageEffect Effect, string Wire, string AppleId) Row(MessageEffect effect) =>
        Array.Find(Table, row => row.Effect == effect) is { Wire: not null } row
            ? row
            : throw new ArgumentOutOfRangeException(nameof(effect), effect, "Unknown effect.");
}
