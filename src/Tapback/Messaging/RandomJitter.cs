namespace Tapback.Messaging;

/// <summary>Jitter from <see cref="Random"/>; seeded when a test wants the same gaps every run.</summary>
internal sealed class RandomJitter : IJitter
{
    private readonly Random _random;
    private readonly Lock _gate = new();

    public RandomJitter(int? seed = null) => _random = seed is { } value ? new Random(value) : Random.Shared;

    public double NextDouble()
    {
        lock (_gate)
        {
            return _random.NextDouble();
        }
    }
}
