namespace Tapback.Transports.MacMessages;

/// <summary><c>Tapback:Transports:&lt;name&gt;</c> with <c>Kind = MacMessages</c>.</summary>
internal sealed class MacMessagesOptions
{
    /// <summary>The Messages database; <c>~</c> is the user's home.</summary>
    public string DatabasePath { get; set; } = "~/Library/Messages/chat.db";

    /// <summary>How often chat.db is read when the folder watch says nothing (it usually wakes the poll sooner).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Whether the folder of chat.db is watched as an early wake-up for the poll.</summary>
    public bool WatchFolder { get; set; } = true;

    /// <summary>Lets the transport start off macOS: for tests and for reading a copied chat.db. Sends still need osascript.</summary>
    public bool AllowOnNonMac { get; set; }

    /// <summary>The region for handles written without a country code.</summary>
    public string DefaultRegion { get; set; } = "US";

    /// <summary>The osascript binary that runs the send scripts.</summary>
    public string OsascriptPath { get; set; } = "/usr/bin/osascript";

    /// <summary>How long one AppleScript send may run; past it the outcome is unknown and is reconciled from chat.db.</summary>
    public TimeSpan ScriptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a send waits for Messages to write its row, to learn the message guid.</summary>
    public TimeSpan SendConfirmTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a new row whose chat link (chat_message_join) has not been written yet is retried before it is skipped.</summary>
    public TimeSpan JoinGrace { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long our sends are watched for delivered, read and failed.</summary>
    public TimeSpan StatusWindow { get; set; } = TimeSpan.FromDays(2);
}
