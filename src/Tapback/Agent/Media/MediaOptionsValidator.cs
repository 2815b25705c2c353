using Tapback.Configuration;

namespace Tapback.Agent.Media;

/// <summary>Checks <c>Tapback:Agent:Media</c> at start.</summary>
internal sealed class MediaOptionsValidator() : SectionValidator<MediaOptions>(MediaOptions.SectionName)
{
    protected override void Check(MediaOptions options, SectionFailures failures)
    {
        failures.Require(!string.IsNullOrWhiteSpace(options.FfmpegPath), nameof(options.FfmpegPath), "must name the ffmpeg binary.");
        failures.Positive(options.MaxVoiceNoteDuration, nameof(options.MaxVoiceNoteDuration));
        failures.Positive(options.ConversionTimeout, nameof(options.ConversionTimeout));
    }
}
