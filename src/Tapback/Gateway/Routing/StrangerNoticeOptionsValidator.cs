using Tapback.Configuration;

namespace Tapback.Gateway.Routing;

/// <summary>Checks <c>Tapback:Gateway:StrangerNotice</c> at start.</summary>
internal sealed class StrangerNoticeOptionsValidator() : SectionValidator<StrangerNoticeOptions>(StrangerNoticeOptions.SectionName)
{
    protected override void Check(StrangerNoticeOptions options, SectionFailures failures) =>
        failures.Positive(options.Interval, nameof(options.Interval));
}
