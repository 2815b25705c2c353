using Tapback.Configuration;

namespace Tapback.Gateway.OptOut;

/// <summary>Checks <c>Tapback:Gateway:OptOut</c> at start: a confirmation is what carriers require, so it cannot be empty.</summary>
internal sealed class OptOutOptionsValidator() : SectionValidator<OptOutOptions>(OptOutOptions.SectionName)
{
    protected override void Check(OptOutOptions options, SectionFailures failures)
    {
        failures.Require(!options.Enabled || !string.IsNullOrWhiteSpace(options.StoppedText), nameof(options.StoppedText), "must say the person is unsubscribed (or set Enabled to false).");
        failures.Require(!options.Enabled || !string.IsNullOrWhiteSpace(options.StartedText), nameof(options.StartedText), "must say the person is subscribed again (or set Enabled to false).");
    }
}
