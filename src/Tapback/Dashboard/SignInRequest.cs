namespace Tapback.Dashboard;

/// <summary>The body of <c>POST /api/dashboard/signin</c>.</summary>
internal sealed record SignInRequest
{
    public string? Token { get; init; }
}
