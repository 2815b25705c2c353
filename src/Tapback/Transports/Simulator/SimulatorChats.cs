using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using Tapback.Messaging.Handles;

namespace Tapback.Transports.Simulator;

/// <summary>
/// The simulator's chat ids: a one-to-one chat is the phone's handle; a group chat is
/// <c>group:&lt;id&gt;</c>, and its event log is the group's, as every member's phone shows the same thread.
/// </summary>
internal static partial class SimulatorChats
{
    public const string GroupPrefix = "group:";

    public static string Group(string id) => GroupPrefix + id;

    public static bool IsValidGroupId([NotNullWhen(true)] string? id) => id is not null && GroupId().IsMatch(id);

    /// <summary>Reads a chat from a URL: a phone number, an email address, or <c>group:&lt;id&gt;</c>.</summary>
    public static bool TryParse(string value, [NotNullWhen(true)] out string? chatId)
    {
        if (value.StartsWith(GroupPrefix, StringComparison.Ordinal) && IsValidGroupId(value[GroupPrefix.Length..]))
        {
            chatId = value;
            return true;
        }

        return HandleNormalizer.TryNormalize(value, out chatId);
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex GroupId();
}
