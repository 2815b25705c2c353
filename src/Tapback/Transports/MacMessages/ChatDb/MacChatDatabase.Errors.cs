using Microsoft.Data.Sqlite;

namespace Tapback.Transports.MacMessages.ChatDb;

internal sealed partial class MacChatDatabase
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteCantOpen = 14;
    private const int SqliteAuth = 23;

    /// <summary>The words an operator sees when macOS keeps Tapback out of ~/Library/Messages.</summary>
    public const string FullDiskAccessHelp =
        "macOS protects ~/Library/Messages: give the app that runs Tapback (Terminal, iTerm, or the tapback binary) Full Disk Access "
        + "in System Settings → Privacy & Security → Full Disk Access, then restart Tapback.";

    private ChatDbException Explain(SqliteException exception) => exception.SqliteErrorCode switch
    {
        SqliteBusy or SqliteLocked => new ChatDbException("Messages is writing chat.db right now; the next poll reads it again.", exception) { Busy = true },
        SqliteCantOpen when !File.Exists(path) && Directory.Exists(System.IO.Path.GetDirectoryName(path)) is false =>
            new ChatDbException($"There is no Messages database at {path}. Check Tapback:Transports:<name>:DatabasePath, sign in to Messages on this Mac, or, if the folder is there but hidden from Tapback: {FullDiskAccessHelp}", exception),
        SqliteCantOpen or SqliteAuth =>
            new ChatDbException($"Tapback cannot open the Messages database at {path} (SQLite error {exception.SqliteErrorCode}: {exception.Message.TrimEnd('.')}). {FullDiskAccessHelp}", exception),
        _ => new ChatDbException($"Reading the Messages database at {path} failed (SQLite error {exception.SqliteErrorCode}): {exception.Message}", exception),
    };
}
