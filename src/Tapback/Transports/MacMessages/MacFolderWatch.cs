namespace Tapback.Transports.MacMessages;

/// <summary>
/// Wakes the poll when Messages writes chat.db or its WAL. The shared-memory file (-shm) is left out:
/// our own reads touch it, and reacting to it would poll in a loop.
/// </summary>
internal static partial class MacFolderWatch
{
    public static FileSystemWatcher? Start(string databasePath, Action wake, ILogger logger)
    {
        var folder = Path.GetDirectoryName(databasePath);
        var file = Path.GetFileName(databasePath);
        if (folder is null || !Directory.Exists(folder))
        {
            return null;
        }

        try
        {
            var watcher = new FileSystemWatcher(folder, $"{file}*")
            {
                NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.FileName,
            };
            void OnChange(object sender, FileSystemEventArgs change)
            {
                if (string.Equals(change.Name, file, StringComparison.Ordinal) || string.Equals(change.Name, $"{file}-wal", StringComparison.Ordinal))
                {
                    wake();
                }
            }

            watcher.Changed += OnChange;
            watcher.Created += OnChange;
            watcher.EnableRaisingEvents = true;
            return watcher;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or PlatformNotSupportedException)
        {
            // The poll still runs on its interval; the watch only makes it sooner.
            LogNoWatch(logger, exception.Message);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The folder of chat.db cannot be watched ({Reason}); Messages is read on the poll interval only.")]
    private static partial void LogNoWatch(ILogger logger, string reason);
}
