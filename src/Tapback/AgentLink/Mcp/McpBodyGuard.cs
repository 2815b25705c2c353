using System.Text.Json;
using Microsoft.Net.Http.Headers;

namespace Tapback.AgentLink.Mcp;

/// <summary>
/// Bad bodies on <c>/mcp</c> are the client's mistake: the SDK reads a POST with any content type and
/// lets a JSON-RPC message whose params do not fit their shape (an <c>initialize</c> with a number for
/// its capabilities) escape as an exception, which would be a 500. Here they become 415 and 400
/// problem+json answers, as is a string with a lone surrogate escape; tool mistakes stay <c>isError</c>
/// results, as the SDK makes them.
/// </summary>
internal static class McpBodyGuard
{
    private const string JsonSource = "System.Text.Json";

    public static async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        var request = context.Request;
        if (HttpMethods.IsPost(request.Method) && !IsUtf8Json(request.ContentType))
        {
            await Problem(context, StatusCodes.Status415UnsupportedMediaType, "Send MCP messages with 'Content-Type: application/json' (UTF-8).");
            return;
        }

        try
        {
            await next();
        }
        catch (JsonException exception) when (!context.Response.HasStarted)
        {
            var sentence = exception.Message.Split(" | ", 2)[0];
            await Problem(context, StatusCodes.Status400BadRequest, $"The JSON-RPC message does not fit its shape: {sentence}");
        }
        catch (InvalidOperationException exception) when (!context.Response.HasStarted && exception.Source?.StartsWith(JsonSource, StringComparison.Ordinal) == true)
        {
            // The SDK re-reads params from a JsonNode, and System.Text.Json refuses a string escape that is half
            // of a UTF-16 surrogate pair (\ud800 alone) only then, with this exception rather than a JsonException
            // (System.Text.Json marks it "System.Text.Json.Rethrowable": the serializer meant to wrap it).
            await Problem(context, StatusCodes.Status400BadRequest, "The JSON-RPC message holds a string that is not valid text: a lone surrogate escape such as \\ud800 without its pair.");
        }
    }

    private static bool IsUtf8Json(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var type)
        && type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
        && (type.Charset.Length == 0 || type.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));

    private static Task Problem(HttpContext context, int status, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status).ExecuteAsync(context);
}
