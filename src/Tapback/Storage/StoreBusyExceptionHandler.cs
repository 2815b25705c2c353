using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Tapback.Storage;

/// <summary>
/// A request whose write could not reach the store in time (SQLite's write lock held past
/// <c>Tapback:Storage:BusyTimeout</c>, a full disk, PostgreSQL unreachable or over its command timeout)
/// is the server's momentary trouble, not the caller's mistake and not a bug: it gets a 503 with
/// Retry-After on every surface at once, so a client retries instead of giving the event up. The write
/// rolled back, so nothing was half-written; a retried event is deduplicated by its id.
/// </summary>
internal sealed partial class StoreBusyExceptionHandler(IProblemDetailsService problems, ILogger<StoreBusyExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>Seconds a client is asked to wait: a busy store usually frees within a second or two.</summary>
    public const int RetryAfterSeconds = 2;

    // Primary result codes: SQLITE_BUSY, SQLITE_LOCKED, SQLITE_FULL (the disk; freeing space fixes it).
    private static readonly HashSet<int> SqliteBusy = [5, 6, 13];

    /// <summary>True when <paramref name="exception"/>, or one it wraps, says the store is busy or unreachable.</summary>
    public static bool IsStoreBusy(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case SqliteException sqlite when SqliteBusy.Contains(sqlite.SqliteErrorCode & 0xFF):
                case NpgsqlException { IsTransient: true }:
                // 57014: the statement was cancelled, which is how Npgsql ends a command over its timeout.
                case PostgresException { SqlState: "57014" }:
                    return true;
            }
        }

        return false;
    }

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsStoreBusy(exception))
        {
            return false;
        }

        LogStoreBusy(logger, httpContext.Request.Method, httpContext.Request.Path, exception.GetBaseException().Message);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The store is busy.",
                Detail = $"Tapback could not write to its store in time, so nothing was stored. Send the same request again after {RetryAfterSeconds} seconds (Retry-After).",
            },
        });
    }

    // The path and the store's own message only: never the body, never a phone number.
    [LoggerMessage(Level = LogLevel.Warning, Message = "The store was busy; {Method} {Path} answered 503 with Retry-After: {Reason}")]
    private static partial void LogStoreBusy(ILogger logger, string method, string path, string reason);
}
