using Tapback.Configuration;

namespace Tapback.Gateway.Nodes;

/// <summary>Checks <c>Tapback:Node</c> at start.</summary>
internal sealed class NodeOptionsValidator() : SectionValidator<NodeOptions>(NodeOptions.SectionName)
{
    protected override void Check(NodeOptions options, SectionFailures failures)
    {
        failures.Positive(options.HeartbeatInterval, nameof(options.HeartbeatInterval));
        failures.Require(
            options.StaleAfter >= 3 * options.HeartbeatInterval,
            nameof(options.StaleAfter),
            "must be at least three HeartbeatIntervals, so one slow beat does not make a live node look dead.");
    }
}
