namespace Tapback.Transports.BlueBubbles.Api;

/// <summary><c>POST /message/react</c>: <c>reaction</c> is <c>love</c> … <c>question</c>, or with a leading <c>-</c> to take it off.</summary>
internal sealed record ReactRequest
{
    public required string ChatGuid { get; init; }

    public required string SelectedMessageGuid { get; init; }

    public required string Reaction { get; init; }

    public int PartIndex { get; init; }
}
