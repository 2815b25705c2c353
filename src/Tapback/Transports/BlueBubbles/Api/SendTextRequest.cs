namespace Tapback.Transports.BlueBubbles.Api;

/// <summary>
/// <c>POST /message/text</c>. <c>method</c> is <c>apple-script</c> or <c>private-api</c>; the server
/// takes <c>selectedMessageGuid</c> (with <c>partIndex</c>, an inline reply) and <c>effectId</c> (Apple's
/// effect id) only through the Private API (its MessageValidator switches the method to it).
/// </summary>
internal sealed record SendTextRequest
{
    public required string ChatGuid { get; init; }

    public required string TempGuid { get; init; }

    public required string Message { get; init; }

    public required string Method { get; init; }

    public string? SelectedMessageGuid { get; init; }

    public int? PartIndex { get; init; }

    public string? EffectId { get; init; }
}
