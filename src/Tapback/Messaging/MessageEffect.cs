namespace Tapback.Messaging;

/// <summary>
/// iMessage's expressive sends: four bubble effects and eight screen effects, named as every Tapback
/// surface spells them on the wire (<see cref="MessageEffects"/>).
/// </summary>
internal enum MessageEffect
{
    Slam,
    Loud,
    Gentle,
    InvisibleInk,
    Confetti,
    Fireworks,
    Lasers,
    Love,
    Balloons,
    Celebration,
    Echo,
    Spotlight,
}
