using System.ComponentModel.DataAnnotations;

namespace Tapback.Agent.Media;

/// <summary>How the built-in agent shows photos and voice notes to the model: <c>Tapback:Agent:Media</c>.</summary>
internal sealed class MediaOptions
{
    public const string SectionName = "Tapback:Agent:Media";

    /// <summary>
    /// The longest side of a photo sent to the model. 1568 px is the largest Anthropic uses without
    /// scaling down itself, and OpenAI's high-detail tiles fit it too.
    /// </summary>
    [Range(64, 8192)]
    public int MaxImageLongSide { get; set; } = 1568;

    /// <summary>
    /// The largest photo sent to the model, in bytes. Anthropic refuses images whose base64 exceeds
    /// 5 MiB; 3.75 MiB of bytes is 5 MiB of base64.
    /// </summary>
    [Range(16 * 1024, 20 * 1024 * 1024)]
    public int MaxImageBytes { get; set; } = 3_932_160;

    /// <summary>The JPEG quality of converted photos.</summary>
    [Range(30, 100)]
    public int JpegQuality { get; set; } = 85;

    /// <summary>How many of the newest photos in the history go to the model as images; older ones are named only.</summary>
    [Range(0, 20)]
    public int MaxImagesInPrompt { get; set; } = 4;

    /// <summary>The ffmpeg binary that converts voice notes: a name on PATH or a full path.</summary>
    public string FfmpegPath { get; set; } = "ffmpeg";

    /// <summary>The longest stretch of a voice note that is transcribed.</summary>
    public TimeSpan MaxVoiceNoteDuration { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long one ffmpeg conversion may run.</summary>
    public TimeSpan ConversionTimeout { get; set; } = TimeSpan.FromSeconds(60);
}
