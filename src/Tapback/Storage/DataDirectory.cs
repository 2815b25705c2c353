namespace Tapback.Storage;

/// <summary>
/// The one rule for what Tapback writes under <c>Tapback:DataDirectory</c>: folders it makes are
/// <c>0700</c> and files <c>0600</c>, so another account on the machine reads neither the store, the
/// attachments nor the keys. Modes are given at creation (no window in which a file is readable)
/// rather than left to the process's umask.
/// </summary>
internal static class DataDirectory
{
    public const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates <paramref name="path"/> and its missing parents owner-only; an existing folder keeps its mode.</summary>
    public static void CreateFolder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        // Directory.CreateDirectory gives the mode to the last folder only; parents it makes get the umask's.
        var missing = new Stack<string>();
        for (var folder = Path.GetFullPath(path); !Directory.Exists(folder); folder = Path.GetDirectoryName(folder)!)
        {
            missing.Push(folder);
        }

        while (missing.TryPop(out var folder))
        {
            Directory.CreateDirectory(folder, OwnerOnlyFolder);
        }
    }

    /// <summary>Options for a new file that only the owner may read.</summary>
    public static FileStreamOptions NewFile(FileMode mode = FileMode.CreateNew, FileAccess access = FileAccess.Write)
    {
        var options = new FileStreamOptions { Mode = mode, Access = access };
        if (!OperatingSystem.IsWindows() && mode is not FileMode.Open)
        {
            options.UnixCreateMode = OwnerOnlyFile;
        }

        return options;
    }

    /// <summary>Writes a whole new file owner-only (its folder is made if missing).</summary>
    public static async Task WriteFileAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        CreateFolder(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await using var stream = new FileStream(path, NewFile(FileMode.Create));
        await stream.WriteAsync(content, cancellationToken);
        await stream.FlushAsync(cancellationToken);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>
    /// Narrows a file Tapback owns to <c>0600</c> when it exists: one written by an older version, or by
    /// a program (ffmpeg) that follows the process's umask.
    /// </summary>
    public static void Restrict(string path)
    {
        if (!OperatingSystem.IsWindows() && File.Exists(path) && File.GetUnixFileMode(path) != OwnerOnlyFile)
        {
            File.SetUnixFileMode(path, OwnerOnlyFile);
        }
    }
}
