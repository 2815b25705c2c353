namespace Tapback.Agent.Approvals;

/// <summary>Reads a typed answer to an approval: "yes" and its obvious variants allow, "no" and its variants deny.</summary>
internal static class ApprovalReplies
{
    private static readonly HashSet<string> Yes = new(StringComparer.OrdinalIgnoreCase)
    {
        "y", "yes", "yeah", "yea", "yep", "yup", "sure", "ok", "okay", "k", "allow", "allowed", "approve", "approved",
        "go ahead", "do it", "go for it", "yes please", "please do", "👍",
    };

    private static readonly HashSet<string> No = new(StringComparer.OrdinalIgnoreCase)
    {
        "n", "no", "nope", "nah", "deny", "denied", "cancel", "stop", "don't", "dont", "do not", "no thanks", "no thank you", "👎",
    };

    /// <summary>True when <paramref name="text"/> is a yes or a no; <paramref name="allow"/> says which.</summary>
    public static bool TryRead(string text, out bool allow)
    {
        var answer = text.Trim().TrimEnd('.', '!', '?', ',').Trim().Replace('\u2019', '\'');
        allow = Yes.Contains(answer);
        return allow || No.Contains(answer);
    }
}
