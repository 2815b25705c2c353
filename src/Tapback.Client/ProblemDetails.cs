namespace Tapback.Client;

/// <summary>An <c>application/problem+json</c> body, as Tapback writes every error.</summary>
internal sealed record ProblemDetails
{
    public string? Title { get; init; }

    public string? Detail { get; init; }

    public int? Status { get; init; }
}
