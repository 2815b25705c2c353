using Tapback.Messaging;

namespace Tapback.Gateway.Actions;

/// <summary>A surface's <c>effect</c> argument as a <see cref="MessageEffect"/>: the one rule every surface reads it by.</summary>
internal static class MessageEffectArgument
{
    /// <summary>Null or empty is no effect; a wire name is its effect; anything else is refused with the names to use.</summary>
    public static (MessageEffect? Effect, ActionResult.Refused? Refusal) Parse(string? value) =>
        string.IsNullOrEmpty(value) ? (null, null)
        : MessageEffects.TryParse(value, out var effect) ? (effect, null)
        : (null, Refusals.UnknownEffect(value));
}
