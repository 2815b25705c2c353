using System.ComponentModel;
using System.Globalization;
using System.Text;
using CliWrap;
using Microsoft.Extensions.Options;
using Tapback.Gateway.Attachments;
using Tapback.Storage;

namespace Tapback.Agent.Media.Voice;

/// <summary>
/// Turns a voice note into 16 kHz mono 16-bit WAV with ffmpeg. iPhones record Opus in CAF (or AMR),
/// which no transcription API takes; WAV every one takes, and speech models work at 16 kHz anyway.
/// The result is kept next to the original, so a note is converted once.
/// </summary>
internal sealed partial class AudioConverter(AttachmentStore store, IOptions<MediaOptions> options, TimeProvider time, ILogger<AudioConverter> logger)
{
    // Two racing first callers may both probe; the answers agree, so no lock is needed.
    private Task<string?>? _version;

    /// <summary>ffmpeg's version line, or null when it cannot be run. Asked once per process.</summary>
    public Task<string?> VersionAsync() => _version ??= ProbeAsync();

    /// <summary>The path of the converted WAV file.</summary>
    public async Task<string> ToWavAsync(MessageAttachment attachment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        var seconds = (int)Math.Ceiling(options.Value.MaxVoiceNoteDuration.TotalSeconds);
        var output = store.DerivedPathOf(attachment.Sha256, string.Create(CultureInfo.InvariantCulture, $"16k-mono-{seconds}s.wav"));
        if (File.Exists(output))
        {
            return output;
        }

        await RunAsync(
            ["-i", attachment.Path, "-vn", "-t", seconds.ToString(CultureInfo.InvariantCulture), "-ac", "1", "-ar", "16000", "-c:a", "pcm_s16le", "-f", "wav"],
            input: null,
            output,
            "the voice note",
            cancellationToken);
        var bytes = new FileInfo(output).Length;
        LogConverted(logger, attachment.Id, attachment.ContentType, bytes);
        return output;
    }

    /// <summary>
    /// Runs ffmpeg with <paramref name="arguments"/> (input and codec; the output file is added), reading
    /// <paramref name="input"/> on its standard input when given, under the conversion timeout; the file
    /// appears at <paramref name="output"/> whole or not at all.
    /// </summary>
    private async Task RunAsync(IReadOnlyList<string> arguments, ReadOnlyMemory<byte>? input, string output, string what, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var temporary = $"{output}.{Guid.NewGuid():N}.tmp{Path.GetExtension(output)}";
        var errors = new StringBuilder();
        using var timeout = new CancellationTokenSource(settings.ConversionTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            var command = Cli.Wrap(settings.FfmpegPath)
                .WithArguments(["-nostdin", "-hide_banner", "-loglevel", "error", "-y", .. arguments, temporary])
                .WithValidation(CommandResultValidation.None)
                .WithStandardErrorPipe(PipeTarget.ToStringBuilder(errors));
            if (input is { } bytes)
            {
                // -nostdin stops ffmpeg reading commands from the terminal; "-i pipe:0" still reads the input there.
                command = command.WithStandardInputPipe(PipeSource.FromBytes(bytes));
            }

            var result = await command.ExecuteAsync(linked.Token);
            if (result.ExitCode != 0 || !File.Exists(temporary))
            {
                throw new AudioConversionException($"ffmpeg could not convert {what} (exit code {result.ExitCode}): {errors.ToString().Trim()}", ffmpegMissing: false);
            }

            // ffmpeg creates files by the process's umask; the attachment store's files are owner-only.
            DataDirectory.Restrict(temporary);
            File.Move(temporary, output, overwrite: true);
        }
        catch (Exception exception) when (exception is Win32Exception || exception.InnerException is Win32Exception)
        {
            LogFfmpegMissing(logger, settings.FfmpegPath);
            throw new AudioConversionException($"ffmpeg ('{settings.FfmpegPath}') could not be started; install ffmpeg or set {MediaOptions.SectionName}:FfmpegPath.", ffmpegMissing: true, exception);
        }
        catch (OperationCanceledException exception) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new AudioConversionException($"ffmpeg did not finish within {settings.ConversionTimeout}.", ffmpegMissing: false, exception);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private async Task<string?> ProbeAsync()
    {
        var output = new StringBuilder();
        try
        {
            var result = await Cli.Wrap(options.Value.FfmpegPath)
                .WithArguments(["-hide_banner", "-version"])
                .WithValidation(CommandResultValidation.None)
                .WithStandardOutputPipe(PipeTarget.ToStringBuilder(output))
                .ExecuteAsync();
            return result.ExitCode == 0 ? output.ToString().Split('\n')[0].Trim() : null;
        }
        catch (Exception exception) when (exception is Win32Exception || exception.InnerException is Win32Exception)
        {
            return null;
        }
    }
}
