using Tapback.Configuration;

namespace Tapback.Transports.Simulator;

/// <summary>Checks one simulator instance at start; every failure names its full key.</summary>
internal sealed class SimulatorOptionsValidator(string name) : SectionValidator<SimulatorOptions>(TransportOptions.Section(name), name)
{
    /// <summary>A file a phone page posts in base64 inside one JSON body: past this the body's own limit overflows.</summary>
    public const long MaxAttachmentBytesLimit = 1024L * 1024 * 1024;

    protected override void Check(SimulatorOptions options, SectionFailures failures)
    {
        failures.Require(
            options.MaxAttachmentBytes is > 0 and <= MaxAttachmentBytesLimit,
            nameof(options.MaxAttachmentBytes),
            $"must be between 1 and {MaxAttachmentBytesLimit} (1 GiB), the largest file a simulated phone may send in bytes, e.g. 10485760.");
        failures.Require(
            options.MaxTextLength is > 0 and <= 1_000_000,
            nameof(options.MaxTextLength),
            "must be between 1 and 1000000, the longest text a simulated phone may send in characters.");
    }
}
