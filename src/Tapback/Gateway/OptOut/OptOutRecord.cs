namespace Tapback.Gateway.OptOut;

/// <summary>One opted-out handle, as operators see it.</summary>
internal sealed record OptOutRecord
{
    public string Transport { get; init; } = string.Empty;
    public string Handle { get; init; } = string.Empty;
    public string Keyword { get; init; } = string.Empty;
    public long CreatedAt { get; init; }
}
