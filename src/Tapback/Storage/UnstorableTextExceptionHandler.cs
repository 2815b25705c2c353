using Microsoft.AspNetCore.Diagnostics;
using Npgsql;

namespace Tapback.Storage;

/// <summary>
/// PostgreSQL text cannot hold a NUL character (U+0000), and a unique index cannot hold a value of over
/// about 2,700 bytes (a provider's message or chat id), both of which SQLite stores without complaint;
/// any request that carries one into a query would otherwise end in a 500 (or a 503 a provider retries
/// for a day). It is the caller's input that is wrong, so it gets a 400 that says so, on every surface
/// at once. The transaction that failed has rolled back, so nothing was half-written.
/// </summary>
internal sealed class UnstorableTextExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    // 22021: invalid byte sequence for encoding (a NUL in a parameter); 22P05: untranslatable character;
    // 54000: program limit exceeded (an index row over btree's maximum: an id far longer than any real one).
    private const string TooLongToIndex = "54000";
    private static readonly HashSet<string> UnstorableText = ["22021", "22P05", TooLongToIndex];

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
                Detail = exception is PostgresException { SqlState: TooLongToIndex }
                    ? "A value in the request (an id or a key) is far too long for Tapback to store; ids are at most a few hundred characters."
                    : "The request contains a NUL character (U+0000), which Tapback cannot store; remove it and try again.",
            },
        });
    }
}
