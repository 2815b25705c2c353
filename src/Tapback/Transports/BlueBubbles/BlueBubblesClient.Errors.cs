using System.Net;
using System.Text.Json;
using Tapback.Messaging;
using Tapback.Transports.BlueBubbles.Api;

namespace Tapback.Transports.BlueBubbles;

internal sealed partial class BlueBubblesClient
{
    private const string MessagesRefusal = "Tapback.BlueBubbles.MessagesRefusal";

    /// <summary>True when Messages itself refused a send (not the server, not the network): the chat guid may be the cause.</summary>
    public static bool IsMessagesRefusal(TransportException exception) =>
        exception.Data[MessagesRefusal] is true;

    private TransportException Failure(HttpResponseMessage response, byte[] body, string what, bool mayHaveSent)
    {
        var status = (int)response.StatusCode;
        var (reason, messagesError) = ReasonOf(body);
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
            case HttpStatusCode.InternalServerError when mayHaveSent && (messagesError is > 0 || IsAppleScriptError(reason)):
                // Messages itself said no (an error code on the message, or the AppleScript that sends
                // failed, as "Can't get chat id … (-1728)"): not sent. Worth a few more tries, as
                // Messages recovers, but no question of it having gone out.
                return new TransportException($"BlueBubbles ({name}) failed to {what} ({said}).", retryable: true)
                {
                    RetryAfter = RetryAfterOf(response),
                    Data = { [MessagesRefusal] = true },
                };
            case HttpStatusCode.RequestTimeout:
            case >= HttpStatusCode.InternalServerError:
                // The server answers 500 when Messages did not confirm a send in time: it may still go out.
                return new TransportException($"BlueBubbles ({name}) failed to {what} ({said}).", retryable: true)
                {
                    OutcomeUnknown = mayHaveSent,
                    RetryAfter = RetryAfterOf(response),
                };
            case HttpStatusCode.BadRequest when mayHaveSent && reason?.Contains("already queued", StringComparison.OrdinalIgnoreCase) == true:
                // The same tempGuid is still being sent by an earlier request (one that outlasted
                // RequestTimeout): that attempt reached the server, so this is never a refusal.
                return new TransportException($"BlueBubbles ({name}) is still sending an earlier attempt ({said}).", retryable: true)
                {
                    OutcomeUnknown = true,
                };
            default:
                return new TransportException($"BlueBubbles ({name}) refused to {what} ({said}).", retryable: false);
        }
    }

    /// <summary>An AppleScript error as the server passes it on: its text ends with the error number, "(-1728)".</summary>
    private static bool IsAppleScriptError(string? reason) => reason is not null && AppleScriptErrorNumber().IsMatch(reason);

    [System.Text.RegularExpressions.GeneratedRegex(@"\(-\d{3,5}\)", System.Text.RegularExpressions.RegexOptions.None, matchTimeoutMilliseconds: 50)]
    private static partial System.Text.RegularExpressions.Regex AppleScriptErrorNumber();

    private TimeSpan? RetryAfterOf(HttpResponseMessage response)
    {
        var retryAfter = response.Headers.RetryAfter;
        if (retryAfter?.Delta is { } delta)
        {
            return delta;
        }

        return retryAfter?.Date is { } date ? TimeSpan.FromTicks(Math.Max(0, (date - time.GetUtcNow()).Ticks)) : null;
    }

    /// <summary>
    /// The server's own words from its error body, <c>{status, message, error: {type, message}}</c>
    /// (older servers: <c>error.error</c> or a string), and Messages' error code when the body carries
    /// the failed message in <c>data</c>. The message text in <c>data</c> stays out: it reaches logs.
    /// </summary>
    internal static (string? Reason, int? MessagesError) ReasonOf(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, null);
            }

            var parts = new List<string?> { StringOf(root, "message") };
            if (root.TryGetProperty("error", out var error))
            {
                parts.Add(error.ValueKind switch
                {
                    JsonValueKind.String => error.GetString(),
                    JsonValueKind.Object => StringOf(error, "message") ?? StringOf(error, "error"),
                    _ => null,
                });
            }

            int? messagesError = root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
                && data.TryGetProperty("error", out var code) && code.ValueKind == JsonValueKind.Number && code.TryGetInt32(out var number) && number > 0
                ? number
                : null;
            if (messagesError is { } messages)
            {
                parts.Add($"Messages error {messages}");
            }

            var reason = string.Join(" — ", parts.Where(part => !string.IsNullOrWhiteSpace(part)).Distinct(StringComparer.Ordinal));
            return (reason.Length == 0 ? null : reason, messagesError);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    private static string? StringOf(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
