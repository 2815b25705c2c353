namespace Tapback.Gateway.Pairing;

/// <summary>
/// The text a phone gets when it pairs while the built-in agent was answering it: from now on the
/// integration's agent answers, and how to go back. Without it the phone that was chatting with the
/// built-in agent just stops getting answers until an agent connects.
/// </summary>
internal static class PairedNotice
{
    public static string Text(string phone) =>
        $"This phone is now paired with an integration: from now on its agent answers your texts here, not the built-in agent. " +
        $"To undo, open the Tapback dashboard at Integrations › {phone} and set “Answered by” to the built-in agent, or delete the integration.";
}
