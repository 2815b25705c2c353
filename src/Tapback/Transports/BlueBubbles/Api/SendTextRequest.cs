namespace Tapback.Transports.BlueBubbles.Api;

/// <summary><c>POST /message/text</c>. <c>method</c> is <c>apple-script</c> or <c>private-api</c>.</summary>
internal sealed record SendTextRequest
{
    public required string ChatGuid { get; init; }

    public required string TempGuid { get; init; }

    public required string Message { get; init; }

    public required string Method { get; init; }
}
