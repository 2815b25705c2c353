using Tapback.Messaging;

namespace Tapback.Transports.MacMessages;

/// <summary>
/// Files Messages sends keep the name the recipient sees, so each is staged under its real name
/// (the attachment store names files by hash). Messages reads the file after the script returns, so
/// staged copies stay; they live in the user's temporary folder, which macOS clears.
/// </summary>
internal static class MacOutboundFiles
{
    public static string Stage(OutboundAttachment file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var name = Path.GetFileName(file.FileName);
        if (string.IsNullOrWhiteSpace(name))
        {
            name = "attachment";
        }

        var folder = Path.Combine(Path.GetTempPath(), "tapback-macmessages", file.AttachmentId);
        Directory.CreateDirectory(folder);
        var staged = Path.Combine(folder, name);
        if (!File.Exists(staged))
        {
            File.Copy(file.Path, staged, overwrite: true);
        }

        return staged;
    }
}
