using System.Net;

namespace Tapback.Client;

/// <summary>
/// Tapback answered an HTTP call with an error: its status and the <c>detail</c> of its problem+json,
/// which says what to change.
/// </summary>
public sealed class TapbackApiException : Exception
{
    /// <summary>Creates the exception for a refused call.</summary>
    public TapbackApiException(HttpStatusCode statusCode, string? title, string? detail, TimeSpan? retryAfter = null)
        : base($"Tapback answered {(int)statusCode} {title ?? statusCode.ToString()}: {detail ?? "no detail given."}")
    {
        StatusCode = statusCode;
        Title = title;
        Detail = detail;
        RetryAfter = retryAfter;
    }

    /// <summary>The HTTP status (400 bad input, 401 bad token, 404 unknown or another integration's, 409 key reused, 422 unsupported, 429/503 try later).</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The problem's title.</summary>
    public string? Title { get; }

    /// <summary>The problem's detail: what was wrong and what to change.</summary>
    public string? Detail { get; }

    /// <summary>How long Tapback asked to wait before trying again (429, 503).</summary>
    public TimeSpan? RetryAfter { get; }
}
