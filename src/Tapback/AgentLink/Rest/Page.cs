namespace Tapback.AgentLink.Rest;

/// <summary>One page of a list, newest first; pass <see cref="NextCursor"/> as <c>cursor</c> for the next.</summary>
internal sealed record Page<T>
{
    public required IReadOnlyList<T> Data { get; init; }

    public string? NextCursor { get; init; }
}
