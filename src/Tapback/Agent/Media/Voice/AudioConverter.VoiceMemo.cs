using System.Security.Cryptography;

namespace Tapback.Agent.Media.Voice;

internal sealed partial class AudioConverter
{
    /// <summary>What Messages itself records: Opus in a CAF file, mono, at a speech bit rate.</summary>
    public const string VoiceMemoContentType = "audio/x-caf";

    /// <summary>The name Messages gives a recorded voice message; the hosted APIs and BlueBubbles look for it.</summary>
    public const string VoiceMemoFileName = "Audio Message.caf";

    /// <summary>
    /// Turns synthesized speech (any format ffmpeg reads) into an iMessage voice memo: Opus in CAF,
    /// mono, 24 kHz, 24 kbit/s, as afconvert's <c>opus@24000</c> makes it on a Mac. The bytes go in on
    /// ffmpeg's standard input; CAF needs a seekable output (its packet table comes last), so the memo is
    /// written to a file beside the attachments, read back and removed.
    /// </summary>
    public async Task<byte[]> ToVoiceMemoAsync(ReadOnlyMemory<byte> speech, CancellationToken cancellationToken = default)
    {
        var output = store.DerivedPathOf(Convert.ToHexStringLower(SHA256.HashData(speech.Span)), $"voice-memo-{Guid.NewGuid():N}.caf");
        try
        {
            await RunAsync(["-i", "pipe:0", "-vn", "-ac", "1", "-ar", "24000", "-c:a", "libopus", "-b:a", "24k", "-f", "caf"], speech, output, "the spoken answer", cancellationToken);
            return await File.ReadAllBytesAsync(output, cancellationToken);
        }
        finally
        {
            File.Delete(output);
        }
    }
}
