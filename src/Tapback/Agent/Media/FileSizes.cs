using System.Globalization;

namespace Tapback.Agent.Media;

/// <summary>A file size the way a person reads it: 812 bytes, 14 KB, 2.3 MB.</summary>
internal static class FileSizes
{
    public static string Describe(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} bytes",
        < 1024 * 1024 => $"{Math.Round(bytes / 1024d).ToString(CultureInfo.InvariantCulture)} KB",
        _ => $"{(bytes / 1024d / 1024d).ToString("0.#", CultureInfo.InvariantCulture)} MB",
    };
}
