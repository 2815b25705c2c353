using System.Net.Http.Json;

namespace Tapback.Client;

/// <summary>
/// Pairing (docs/protocol.md section 1): the phone texts <c>/setup</c> to the gateway and gets a
/// 6-digit code; the agent exchanges it once for the integration's token.
/// </summary>
public static class TapbackPairing
{
    /// <summary>
    /// Exchanges <paramref name="code"/> for the token of <paramref name="phone"/>'s integration. The
    /// token is shown only this once: keep it (it reads every message of the phone). A new exchange
    /// for the same phone revokes the old token.
    /// </summary>
    /// <param name="gateway">The gateway's base address, such as <c>http://localhost:5000</c>.</param>
    /// <param name="phone">The phone that texted <c>/setup</c>, E.164.</param>
    /// <param name="code">The 6-digit code it got back.</param>
    /// <param name="httpClient">The client to call with; a private one when not given.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="TapbackApiException">400 (a bad phone or code format), 401 (a wrong, used or expired code), 429 (too many tries).</exception>
    public static async Task<PairingResult> ExchangeAsync(Uri gateway, string phone, string code, HttpClient? httpClient = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        ArgumentException.ThrowIfNullOrWhiteSpace(phone);
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        var http = httpClient ?? new HttpClient();
        try
        {
            var request = new ExchangeRequest(phone.Trim(), code.Trim());
            using var response = await http.PostAsJsonAsync(new Uri(gateway, "auth/exchange"), request, ClientJsonContext.Wire.ExchangeRequest, cancellationToken);
            await HttpProblems.ThrowIfFailedAsync(response, TimeProvider.System, cancellationToken);
            return await response.Content.ReadFromJsonAsync(ClientJsonContext.Wire.PairingResult, cancellationToken)
                ?? throw new InvalidOperationException("The gateway answered /auth/exchange without a body.");
        }
        finally
        {
            if (httpClient is null)
            {
                http.Dispose();
            }
        }
    }
}
