namespace Tapback.Gateway.OptOut;

/// <summary><c>Tapback:Gateway:OptOut</c>: the STOP/START confirmations.</summary>
internal sealed class OptOutOptions
{
    public const string SectionName = "Tapback:Gateway:OptOut";

    /// <summary>False turns the keywords into ordinary messages (for a deployment that handles opt-out itself).</summary>
    public bool Enabled { get; set; } = true;

    public string StoppedText { get; set; } = "You're unsubscribed and won't get more messages from this number. Text START to subscribe again.";

    public string StartedText { get; set; } = "You're subscribed again. Text STOP at any time to unsubscribe.";
}
