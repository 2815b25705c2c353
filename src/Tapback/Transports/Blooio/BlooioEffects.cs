using Tapback.Messaging;

namespace Tapback.Transports.Blooio;

/// <summary>Blooio's <c>effect</c> names (docs.blooio.com, send a message): Tapback's own, but <c>invisible-ink</c> with a hyphen.</summary>
internal static class BlooioEffects
{
    public static string ToWire(MessageEffect effect) => effect.ToWire().Replace('_', '-');
}
