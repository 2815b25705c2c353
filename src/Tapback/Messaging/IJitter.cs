namespace Tapback.Messaging;

/// <summary>The randomness behind bubble gaps and retry jitter; injected so tests can seed it.</summary>
internal interface IJitter
{
    /// <summary>A number in [0, 1).</summary>
    double NextDouble();
}
