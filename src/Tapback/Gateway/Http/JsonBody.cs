using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Tapback.Gateway.Http;

/// <summary>
/// Reads a JSON request body with a source-generated contract and turns every way it can be wrong
/// into a problem that says what to fix (415 for a body that is not declared JSON, else 400), instead
/// of a framework default or a 500.
/// </summary>
internal static class JsonBody
{
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, JsonContentType.Unsupported(request));
        }

        try
        {
            var value = await JsonSerializer.DeserializeAsync(request.Body, typeInfo, cancellationToken);
            return value is null
                ? (null, Problems.BadRequest("The body must be a JSON object, not null."))
                : (value, null);
        }
        catch (JsonException exception)
        {
            var where = exception.Path is { Length: > 0 } path ? $" at {path}" : string.Empty;
            return (null, Problems.BadRequest($"The body is not valid JSON for this request{where}: {FirstSentence(exception.Message)}"));
        }
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }
}
