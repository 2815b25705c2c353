using System.Net.Http.Json;
using System.Text.Json;

namespace Tapback.Client;

/// <summary>Turns a refused HTTP call into a <see cref="TapbackApiException"/> carrying Tapback's own words.</summary>
internal static class HttpProblems
{
    public static async Task ThrowIfFailedAsync(HttpResponseMessage response, TimeProvider time, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        ProblemDetails? problem = null;
        try
        {
            problem = await response.Content.ReadFromJsonAsync(ClientJsonContext.Wire.ProblemDetails, cancellationToken);
        }
        catch (JsonException)
        {
            // Not problem+json (a proxy's HTML page): the status alone says what happened.
        }

        throw new TapbackApiException(response.StatusCode, problem?.Title ?? response.ReasonPhrase, problem?.Detail, RetryAfter(response, time));
    }

    public static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider time) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - time.GetUtcNow(),
        _ => null,
    };
}
