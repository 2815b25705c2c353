using Microsoft.AspNetCore.Diagnostics;
using Npgsql;

namespace Tapback.Storage;

/// <summary>
/// PostgreSQL text cannot hold a NUL character (U+0000), which SQLite stores without complaint; any
/// request that carries one into a query would otherwise end in a 500. It is the caller's input that
/// is wrong, so it gets a 400 that says so, on every surface at once. The transaction that failed has
/// rolled back, so nothing was half-written.
/// </summary>
internal sealed class UnstorableTextExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    // 22021: invalid byte sequence for encoding (a NUL in a parameter); 22P05: untranslatable character.
    private static readonly HashSet<string> UnstorableText = ["22021", "22P05"];

    /// <summary>
    /// True when the store refused the caller's text. Handlers that turn store failures into a 503
    /// ("retry later") let these through to this handler instead: a retry would fail the same way.
    /// </summary>
    public static bool IsUnstorableText(Exception exception) =>
        exception is PostgresException { SqlState: var state } && UnstorableText.Contains(state);

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsUnstorableText(exception))
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request is not valid.",
                Detail = "The request contains a NUL character (U+0000), which Tapback cannot store; remove it and try again.",
            },
        });
    }
}
