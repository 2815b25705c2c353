using System.Text.Encodings.Web;
using System.Text.Json;

namespace Tapback.Messaging.Json;

/// <summary>
/// How Tapback writes JSON that leaves the process: responses, frames, webhook payloads, stream
/// events. Only what JSON itself requires is escaped (quotes, backslashes, control characters), so
/// <c>+1…</c>, <c>/</c> and non-ASCII text read as themselves in a raw body. People copy secrets and
/// phone numbers out of curl output: the default encoder wrote a <c>whsec_</c> secret's <c>+</c> as
/// <c>\u002B</c>, and the copied secret failed every signature check. No JSON Tapback writes is
/// embedded in an HTML page (the pages fetch it), which is what the default's extra escaping is for.
/// </summary>
internal static class WireJson
{
    public static JavaScriptEncoder Encoder => JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    /// <summary>
    /// A context's generated options with <see cref="Encoder"/>: the source generator has no setting
    /// for an encoder, and a context's options cannot change once it holds them, so each context
    /// offers a <c>Wire</c> instance built from these (its <c>Default</c> is not used).
    /// </summary>
    public static JsonSerializerOptions OptionsLike(JsonSerializerOptions generated) =>
        new(generated) { Encoder = Encoder, TypeInfoResolver = null };

    /// <summary>For a <see cref="Utf8JsonWriter"/>: a writer's encoder wins over the serializer's.</summary>
    public static JsonWriterOptions WriterOptions => new() { Encoder = Encoder };
}
