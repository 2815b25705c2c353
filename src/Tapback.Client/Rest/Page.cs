namespace Tapback.Client;

/// <summary>One page of a list, newest first; pass <see cref="NextCursor"/> back for the next.</summary>
public sealed record Page<T>
{
    /// <summary>The items.</summary>
    public IReadOnlyList<T> Data { get; init; } = [];

    /// <summary>The cursor of the next page; null on the last.</summary>
    public string? NextCursor { get; init; }
}
