namespace Tapback.Transports.BlueBubbles.Api;

/// <summary><c>POST /message/query</c>; <c>after</c> and <c>before</c> are epoch milliseconds.</summary>
internal sealed record MessageQueryRequest
{
    public string? ChatGuid { get; init; }

    public long? After { get; init; }

    public int Limit { get; init; } = 100;

    public int Offset { get; init; }

    public string Sort { get; init; } = "ASC";

    public IReadOnlyList<string> With { get; init; } = [];
}
