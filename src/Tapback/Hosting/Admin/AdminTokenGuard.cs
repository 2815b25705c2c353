using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Tapback.Gateway.Pairing;

namespace Tapback.Hosting.Admin;

/// <summary>
/// The one place a presented admin token is compared: per client address, at most
/// <c>Tapback:Admin:MaxFailedAttempts</c> wrong tokens per <c>Tapback:Admin:FailureWindow</c>
/// (counted on the injected clock); past that every token from that address, the right one too, is
/// answered 429 until the window ends. The count is this node's: several nodes each allow as many.
/// </summary>
internal sealed partial class AdminTokenGuard(AdminCredential credential, IOptions<AdminOptions> options, TimeProvider time, ILogger<AdminTokenGuard> logger)
{
    private static readonly object LockoutKey = new();

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Window> _clients = [];
    private int _sweepAt = 1024;

    public AdminTokenVerdict Verify(HttpContext context, string presented)
    {
        ArgumentNullException.ThrowIfNull(context);
        var client = ClientOf(context.Connection.RemoteIpAddress);
        var settings = options.Value;
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (!_clients.TryGetValue(client, out var window) || now - window.Start >= settings.FailureWindow)
            {
                window = new Window(now, 0);
            }

            if (window.Failures >= settings.MaxFailedAttempts)
            {
                var wait = window.Start + settings.FailureWindow - now;
                context.Items[LockoutKey] = wait;
                return new AdminTokenVerdict(AdminTokenResult.Locked, wait);
            }

            // Compared inside the lock (one SHA-256), so parallel guesses cannot slip past the count.
            if (credential.TokenHash is { } expected && Secrets.Matches(presented.Trim(), expected))
            {
                return new AdminTokenVerdict(AdminTokenResult.Valid, null);
            }

            window = window with { Failures = window.Failures + 1 };
            _clients[client] = window;
            Sweep(now, settings.FailureWindow);
            if (window.Failures == settings.MaxFailedAttempts)
            {
                LogLockedOut(logger, client, window.Failures, window.Start + settings.FailureWindow);
            }

            return new AdminTokenVerdict(AdminTokenResult.Wrong, null);
        }
    }

    /// <summary>
    /// How long this request's client must wait, when its admin token was refused unread for too many
    /// wrong ones; whoever answers a failed admin authentication answers 429 then, not 401.
    /// </summary>
    public static TimeSpan? LockedOutFor(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items.TryGetValue(LockoutKey, out var wait) ? (TimeSpan?)wait : null;
    }

    /// <summary>The 429 a locked-out client gets, as problem+json with Retry-After in whole seconds.</summary>
    public static IResult TooManyAttempts(HttpResponse response, TimeSpan retryAfter)
    {
        ArgumentNullException.ThrowIfNull(response);
        var seconds = (int)Math.Max(1, Math.Ceiling(retryAfter.TotalSeconds));
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(
            detail: $"Too many wrong admin tokens from this address; try again in {seconds} seconds (Tapback:Admin:MaxFailedAttempts per Tapback:Admin:FailureWindow).",
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many admin token attempts.");
    }

    // IPv6 clients are counted by their /64, which one subscriber usually holds whole; otherwise each
    // guess could come from a new address of the same network.
    private static string ClientOf(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    // Forgets clients whose window has ended, whenever the map has doubled since the last sweep.
    private void Sweep(DateTimeOffset now, TimeSpan window)
    {
        if (_clients.Count < _sweepAt)
        {
            return;
        }

        foreach (var (client, entry) in _clients)
        {
            if (now - entry.Start >= window)
            {
                _clients.Remove(client);
            }
        }

        _sweepAt = Math.Max(1024, _clients.Count * 2);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Client {Client} presented {Failures} wrong admin tokens; its admin token attempts are refused until {Until:O}.")]
    private static partial void LogLockedOut(ILogger logger, string client, int failures, DateTimeOffset until);

    private readonly record struct Window(DateTimeOffset Start, int Failures);
}
