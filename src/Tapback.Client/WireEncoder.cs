using System.Text.Encodings.Web;

namespace Tapback.Client;

/// <summary>
/// How the client writes JSON: a phone number's <c>+</c> and non-ASCII text as themselves, not as
/// <c>\u002B</c> escapes, so what a user copies out of a logged request is what was meant. Nothing the
/// client writes is embedded in HTML.
/// </summary>
internal static class WireEncoder
{
    public static JavaScriptEncoder Relaxed => JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
}
