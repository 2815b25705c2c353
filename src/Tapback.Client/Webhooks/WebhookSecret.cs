using System.Text;

namespace Tapback.Client;

/// <summary>
/// The key bytes of a <c>whsec_</c> secret, read forgivingly: a secret copied from a JSON string with
/// its <c>+</c> escaped (<c>\u002B</c>), from a URL (<c>%2B</c>, or a <c>+</c> turned into a space),
/// or with a line break or quotes around it still means the same key. Anything else that is not base64
/// is refused at once, with what was expected, instead of failing every delivery later.
/// </summary>
internal static class WebhookSecret
{
    public const string Prefix = "whsec_";

    private static readonly (string Escaped, string Plain)[] Escapes =
    [
        ("\\u002B", "+"), ("\\u002F", "/"), ("\\u003D", "="), ("\\/", "/"),
        ("%2B", "+"), ("%2F", "/"), ("%3D", "="),
    ];

    public static byte[] KeyOf(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var text = secret.Trim().Trim('"', '\'').Trim();
        foreach (var (escaped, plain) in Escapes)
        {
            text = text.Replace(escaped, plain, StringComparison.OrdinalIgnoreCase);
        }

        if (text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            text = text[Prefix.Length..];
        }

        // Base64 has no spaces: a space inside was a '+' that a form or URL decoder turned into one.
        var cleaned = new StringBuilder(text.Length);
        foreach (var character in text)
        {
            if (character == ' ')
            {
                cleaned.Append('+');
            }
            else if (!char.IsWhiteSpace(character))
            {
                cleaned.Append(character);
            }
        }

        var buffer = new byte[cleaned.Length];
        if (cleaned.Length == 0 || !Convert.TryFromBase64String(cleaned.ToString(), buffer, out var written))
        {
            throw new ArgumentException(
                "The webhook secret is not a Standard Webhooks secret: expected whsec_ followed by base64, exactly as POST /v2/webhooks returned it in \"secret\".",
                nameof(secret));
        }

        return buffer[..written];
    }
}
