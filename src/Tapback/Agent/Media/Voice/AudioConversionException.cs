namespace Tapback.Agent.Media.Voice;

/// <summary>A voice note ffmpeg could not convert; <see cref="FfmpegMissing"/> when ffmpeg could not even start.</summary>
internal sealed class AudioConversionException : Exception
{
    public AudioConversionException()
    {
    }

    public AudioConversionException(string message)
        : base(message)
    {
    }

    public AudioConversionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public AudioConversionException(string message, bool ffmpegMissing, Exception? innerException = null)
        : base(message, innerException)
    {
        FfmpegMissing = ffmpegMissing;
    }

    public bool FfmpegMissing { get; }
}
