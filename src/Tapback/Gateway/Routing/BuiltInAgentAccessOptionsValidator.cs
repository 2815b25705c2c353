using Tapback.Configuration;
using Tapback.Messaging.Handles;

namespace Tapback.Gateway.Routing;

/// <summary>Checks <c>Tapback:Agent:AllowFrom</c> at start, naming each entry that is not a handle.</summary>
internal sealed class BuiltInAgentAccessOptionsValidator() : SectionValidator<BuiltInAgentAccessOptions>(BuiltInAgentAccessOptions.SectionName)
{
    protected override void Check(BuiltInAgentAccessOptions options, SectionFailures failures)
    {
        for (var i = 0; i < options.AllowFrom.Count; i++)
        {
            var handle = options.AllowFrom[i];
            failures.Require(handle == "*" || HandleNormalizer.TryNormalize(handle, out _), $"AllowFrom:{i}", "must be a phone number (E.164), an email address, or '*'.");
        }
    }
}
