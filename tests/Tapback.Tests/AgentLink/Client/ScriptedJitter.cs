using Tapback.Messaging;

namespace Tapback.Tests.AgentLink.Client;

/// <summary>Jitter that returns the same value every time, so a backoff's bound is what a test sees.</summary>
internal sealed class ScriptedJitter(double value) : IJitter
{
    public double NextDouble() => value;
}
