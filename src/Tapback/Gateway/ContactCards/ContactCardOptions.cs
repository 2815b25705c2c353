namespace Tapback.Gateway.ContactCards;

/// <summary>The agent's contact card: <c>Tapback:ContactCards</c>.</summary>
internal sealed class ContactCardOptions
{
    public const string SectionName = "Tapback:ContactCards";

    /// <summary>The name on the card when the integration sets no bot name (<c>settings.botName</c>).</summary>
    public string Name { get; set; } = "Tapback";

    /// <summary>The card's title line: a contact that is an AI should say so.</summary>
    public string Title { get; set; } = "AI agent";

    /// <summary>
    /// The number (E.164) or Apple ID email the agent texts from, by transport name; a transport that
    /// knows its sender number per chat (several gateway numbers) is asked instead. A transport with
    /// neither has no card to give.
    /// </summary>
    public Dictionary<string, string> Numbers { get; } = new(StringComparer.Ordinal);

    /// <summary>After a phone pairs, send it the agent's card (where the transport carries files or cards).</summary>
    public bool SendAfterPairing { get; set; } = true;

    /// <summary>The words sent with the card after pairing; empty sends the card alone.</summary>
    public string PairingText { get; set; } = "Here is my contact card: save it so you know it's me when I text.";
}
