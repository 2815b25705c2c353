using System.Collections;

namespace Tapback.Diagnostics.Logging;

/// <summary>
/// A log entry's values as sinks see them above Debug: text values escaped, capped and without URL
/// queries (see <see cref="LogText"/>); numbers, times and the like as they were; the message formatted
/// from the original values, then made safe the same way.
/// </summary>
internal sealed class SanitizedLogState : IReadOnlyList<KeyValuePair<string, object?>>
{
    private const string OriginalFormat = "{OriginalFormat}";

    private readonly KeyValuePair<string, object?>[] _values;

    public SanitizedLogState(IReadOnlyList<KeyValuePair<string, object?>>? values, string message)
    {
        _values = values is null ? [] : [.. values.Select(pair => pair.Key == OriginalFormat ? pair : new KeyValuePair<string, object?>(pair.Key, Clean(pair.Value)))];
        Message = LogText.Escape(LogText.WithoutQueries(message), LogText.MaxMessageLength);
    }

    public string Message { get; }

    public int Count => _values.Length;

    public KeyValuePair<string, object?> this[int index] => _values[index];

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)_values).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => Message;

    // Text, and the request types that print as text (a path, a query, a host, header values), are what a client can fill.
    private static object? Clean(object? value) => value switch
    {
        null => null,
        string text => CleanText(text),
        Uri uri => CleanText(uri.OriginalString),
        _ when value.GetType().Namespace is "Microsoft.AspNetCore.Http" or "Microsoft.Extensions.Primitives" => CleanText(value.ToString() ?? string.Empty),
        _ => value,
    };

    private static string CleanText(string text) => LogText.Escape(LogText.WithoutQueries(text), LogText.MaxValueLength);
}
