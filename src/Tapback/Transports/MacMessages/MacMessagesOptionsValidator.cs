using Tapback.Configuration;

namespace Tapback.Transports.MacMessages;

/// <summary>Checks a MacMessages instance at start; every failure names its full key.</summary>
internal sealed class MacMessagesOptionsValidator(string name, bool isMacOS) : SectionValidator<MacMessagesOptions>(TransportOptions.Section(name), name)
{
    protected override void Check(MacMessagesOptions options, SectionFailures failures)
    {
        failures.Require(
            isMacOS || options.AllowOnNonMac,
            "AllowOnNonMac",
            "is false and this is not a Mac: Kind MacMessages reads the Messages database of macOS and sends with AppleScript, so it runs only on a Mac. "
            + "To reach a Mac from this machine use a BlueBubbles server on it (Kind = BlueBubbles); to read a copied chat.db here anyway (tests), set it to true.");
        failures.Require(!string.IsNullOrWhiteSpace(options.DatabasePath), "DatabasePath", "must be the Messages database (usually ~/Library/Messages/chat.db).");
        failures.Require(
            options.PollInterval >= TimeSpan.FromMilliseconds(100) && options.PollInterval <= TimeSpan.FromMinutes(10),
            "PollInterval",
            "must be between 00:00:00.1 and 00:10:00.");
        failures.Positive(options.ScriptTimeout, "ScriptTimeout");
        failures.Require(options.SendConfirmTimeout >= TimeSpan.Zero, "SendConfirmTimeout", "must not be negative.");
        failures.Require(options.JoinGrace >= TimeSpan.Zero, "JoinGrace", "must not be negative.");
        failures.Positive(options.StatusWindow, "StatusWindow");
        failures.Require(!string.IsNullOrWhiteSpace(options.DefaultRegion), "DefaultRegion", "must be a two-letter region such as US.");
    }

    /// <summary>The full path of chat.db (empty when unset, which stops the start naming DatabasePath).</summary>
    public static string DatabasePath(MacMessagesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var path = options.DatabasePath?.Trim();
        if (string.IsNullOrEmpty(path))
        {
            return string.Empty;
        }

        if (path == "~" || path.StartsWith("~/", StringComparison.Ordinal))
        {
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            path = Path.Combine(home, path.Length > 2 ? path[2..] : string.Empty);
        }

        return Path.GetFullPath(path);
    }
}
