namespace Tapback.Transports.MacMessages;

/// <summary>Checks a MacMessages instance as it registers; each message names the setting to fix.</summary>
internal static class MacMessagesOptionsValidator
{
    /// <summary>Returns the full path of chat.db.</summary>
    public static string Validate(string name, MacMessagesOptions options, bool isMacOS)
    {
        var prefix = $"Tapback:Transports:{name}";
        if (!isMacOS && !options.AllowOnNonMac)
        {
            throw new InvalidOperationException(
                $"{prefix}:Kind is MacMessages, which reads the Messages database of macOS and sends with AppleScript, so it runs only on a Mac. "
                + "To reach a Mac from this machine use a BlueBubbles server on it (Kind = BlueBubbles); "
                + $"to read a copied chat.db here anyway (tests), set {prefix}:AllowOnNonMac = true.");
        }

        if (string.IsNullOrWhiteSpace(options.DatabasePath))
        {
            throw new InvalidOperationException($"Set {prefix}:DatabasePath to the Messages database (usually ~/Library/Messages/chat.db).");
        }

        if (options.PollInterval < TimeSpan.FromMilliseconds(100) || options.PollInterval > TimeSpan.FromMinutes(10))
        {
            throw new InvalidOperationException($"{prefix}:PollInterval must be between 00:00:00.1 and 00:10:00.");
        }

        if (options.ScriptTimeout <= TimeSpan.Zero || options.SendConfirmTimeout < TimeSpan.Zero || options.JoinGrace < TimeSpan.Zero || options.StatusWindow <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"{prefix}:ScriptTimeout, SendConfirmTimeout, JoinGrace and StatusWindow must be positive durations.");
        }

        if (string.IsNullOrWhiteSpace(options.DefaultRegion))
        {
            throw new InvalidOperationException($"Set {prefix}:DefaultRegion to a two-letter region such as US.");
        }

        return ExpandHome(options.DatabasePath.Trim());
    }

    private static string ExpandHome(string path)
    {
        if (path == "~" || path.StartsWith("~/", StringComparison.Ordinal))
        {
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            path = Path.Combine(home, path.Length > 2 ? path[2..] : string.Empty);
        }

        return Path.GetFullPath(path);
    }
}
