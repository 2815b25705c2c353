using System.Net.WebSockets;

namespace Tapback.Client;

/// <summary>Where and how <see cref="TapbackAgentClient"/> connects.</summary>
public sealed class TapbackAgentOptions
{
    /// <summary>The gateway's base address (http or https); the socket is <c>/ws/{phone}</c> below it.</summary>
    public required Uri Gateway { get; init; }

    /// <summary>The paired phone number, E.164 (<c>+15551234567</c>).</summary>
    public required string Phone { get; init; }

    /// <summary>The token from pairing (<see cref="TapbackPairing.ExchangeAsync"/>) or an API key of the integration.</summary>
    public string? Token { get; init; }

    /// <summary>
    /// Asked for the token before each connection attempt, instead of <see cref="Token"/>: an
    /// <see cref="HttpRequestException"/> counts as a failed attempt (retried after the backoff), any
    /// other exception ends the client with it.
    /// </summary>
    public Func<CancellationToken, ValueTask<string>>? TokenProvider { get; init; }

    /// <summary>The clock of the backoff and connect timeout; tests pass a fake one.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>A number in [0, 1) for the backoff's full jitter; <see cref="Random.Shared"/> unless a test seeds it.</summary>
    public Func<double>? Jitter { get; init; }

    /// <summary>The first reconnect waits a random time below this; each failed attempt doubles it.</summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The cap of the doubling.</summary>
    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long one connection attempt may take before it counts as failed.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The client that PUTs uploads' bytes; a private one when not given.</summary>
    public HttpClient? HttpClient { get; init; }

    /// <summary>Changes the socket's options before each connection (a proxy, a client certificate).</summary>
    public Action<ClientWebSocketOptions>? ConfigureWebSocket { get; init; }

    internal Uri SocketUri()
    {
        var builder = new UriBuilder(Gateway) { Scheme = Gateway.Scheme == Uri.UriSchemeHttps ? "wss" : "ws" };
        builder.Path = builder.Path.TrimEnd('/') + "/ws/" + Uri.EscapeDataString(Phone.Trim());
        return builder.Uri;
    }

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Gateway);
        if (!Gateway.IsAbsoluteUri || (Gateway.Scheme != Uri.UriSchemeHttp && Gateway.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"Gateway must be the absolute http(s) address of a Tapback gateway, such as http://localhost:5000; it is '{Gateway}'.", nameof(Gateway));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(Phone);
        if (string.IsNullOrWhiteSpace(Token) && TokenProvider is null)
        {
            throw new ArgumentException("Set Token (from TapbackPairing.ExchangeAsync) or TokenProvider.", nameof(Token));
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ReconnectDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxReconnectDelay, ReconnectDelay);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ConnectTimeout, TimeSpan.Zero);
    }
}
