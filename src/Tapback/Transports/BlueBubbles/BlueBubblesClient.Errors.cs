using System.Net;
using System.Text.Json;
using Tapback.Messaging;
using Tapback.Transports.BlueBubbles.Api;

namespace Tapback.Transports.BlueBubbles;

internal sealed partial class BlueBubblesClient
{
    private TransportException Failure(HttpResponseMessage response, byte[] body, string what, bool mayHaveSent)
    {
        var status = (int)response.StatusCode;
        var reason = ReasonOf(body);
        var said = reason is null ? $"{status}" : $"{status}: {reason}";
        switch (response.StatusCode)
        {
            case HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden:
                return new TransportException(
                    $"BlueBubbles ({name}) refused the password when asked to {what} ({said}). Check Tapback:Transports:{name}:Password.", retryable: false);
            case HttpStatusCode.TooManyRequests:
                return new TransportException($"BlueBubbles ({name}) asked Tapback to slow down ({said}).", retryable: true)
                {
                    RetryAfter = RetryAfterOf(response),
                };
            case HttpStatusCode.RequestTimeout:
            case >= HttpStatusCode.InternalServerError:
                // The server answers 500 when Messages did not confirm a send in time: it may still go out.
                return new TransportException($"BlueBubbles ({name}) failed to {what} ({said}).", retryable: true)
                {
                    OutcomeUnknown = mayHaveSent,
                    RetryAfter = RetryAfterOf(response),
                };
            case HttpStatusCode.BadRequest when reason?.Contains("already queued", StringComparison.OrdinalIgnoreCase) == true:
                // The same tempGuid is still being sent by an earlier request.
                return new TransportException($"BlueBubbles ({name}) is still sending an earlier attempt ({said}).", retryable: true)
                {
                    OutcomeUnknown = true,
                };
            default:
                return new TransportException($"BlueBubbles ({name}) refused to {what} ({said}).", retryable: false);
        }
    }

    private TimeSpan? RetryAfterOf(HttpResponseMessage response)
    {
        var retryAfter = response.Headers.RetryAfter;
        if (retryAfter?.Delta is { } delta)
        {
            return delta;
        }

        return retryAfter?.Date is { } date ? TimeSpan.FromTicks(Math.Max(0, (date - time.GetUtcNow()).Ticks)) : null;
    }

    // Only the server's own words: an error's data can hold the message text, which stays out of logs.
    private static string? ReasonOf(byte[] body)
    {
        try
        {
            var parsed = JsonSerializer.Deserialize(body, Json.BlueBubblesResponseJsonElement);
            var error = parsed?.Error switch
            {
                { ValueKind: JsonValueKind.String } text => text.GetString(),
                { ValueKind: JsonValueKind.Object } detail when detail.TryGetProperty("error", out var inner) && inner.ValueKind == JsonValueKind.String => inner.GetString(),
                _ => null,
            };
            var parts = new[] { parsed?.Message, error }.Where(part => !string.IsNullOrWhiteSpace(part));
            var reason = string.Join(" — ", parts);
            return reason.Length == 0 ? null : reason;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
