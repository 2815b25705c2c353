using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Tapback.Client;

/// <summary>
/// Verifies Tapback's webhook deliveries (Standard Webhooks): the HMAC-SHA256 of
/// <c>{webhook-id}.{webhook-timestamp}.{body}</c> under the secret, compared in constant time with each
/// <c>v1,</c> signature of <c>webhook-signature</c> (two during a rotation), and a timestamp within
/// <see cref="Tolerance"/> of the clock. Verify the raw body as received, before parsing it.
/// </summary>
public sealed class WebhookVerifier
{
    /// <summary>The <c>webhook-id</c> header: the event's id, the same on every attempt.</summary>
    public const string IdHeader = "webhook-id";

    /// <summary>The <c>webhook-timestamp</c> header: Unix seconds of this attempt.</summary>
    public const string TimestampHeader = "webhook-timestamp";

    /// <summary>The <c>webhook-signature</c> header: <c>v1,&lt;base64&gt;</c>, space-separated.</summary>
    public const string SignatureHeader = "webhook-signature";

    private readonly byte[] _key;
    private readonly TimeProvider _time;

    /// <summary>A verifier for <paramref name="secret"/> (<c>whsec_…</c>, as <c>POST /v2/webhooks</c> returned it).</summary>
    /// <param name="secret">The webhook's secret; an escaped <c>+</c>, stray whitespace or quotes are forgiven.</param>
    /// <param name="tolerance">How far the timestamp may be from the clock; 5 minutes by default.</param>
    /// <param name="timeProvider">The clock; the system's by default.</param>
    /// <exception cref="ArgumentException">The secret is not <c>whsec_</c> and base64.</exception>
    public WebhookVerifier(string secret, TimeSpan? tolerance = null, TimeProvider? timeProvider = null)
    {
        _key = WebhookSecret.KeyOf(secret);
        Tolerance = tolerance ?? TimeSpan.FromMinutes(5);
        ArgumentOutOfRangeException.ThrowIfLessThan(Tolerance, TimeSpan.Zero);
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>How far a delivery's timestamp may be from the clock.</summary>
    public TimeSpan Tolerance { get; }

    /// <summary>Verifies a delivery; throws <see cref="WebhookVerificationException"/> saying why when it is not genuine or not fresh.</summary>
    public void Verify(string? webhookId, string? webhookTimestamp, string? webhookSignature, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrEmpty(webhookId) || string.IsNullOrEmpty(webhookTimestamp) || string.IsNullOrEmpty(webhookSignature))
        {
            throw new WebhookVerificationException($"The delivery lacks a {IdHeader}, {TimestampHeader} or {SignatureHeader} header.");
        }

        if (!long.TryParse(webhookTimestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            throw new WebhookVerificationException($"The {TimestampHeader} header is not Unix seconds.");
        }

        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        if (Math.Abs(now - seconds) > (long)Tolerance.TotalSeconds)
        {
            throw new WebhookVerificationException($"The {TimestampHeader} is {now - seconds} s off this clock; at most {Tolerance.TotalSeconds} s is accepted (a replay, or a clock to fix).");
        }

        var expected = Sign(webhookId, webhookTimestamp, body);
        var matched = false;
        foreach (var candidate in webhookSignature.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            // Decoded and compared in constant time; every candidate is looked at.
            var buffer = new byte[expected.Length];
            matched |= candidate.StartsWith("v1,", StringComparison.Ordinal)
                && Convert.TryFromBase64String(candidate[3..], buffer, out var written)
                && written == expected.Length
                && CryptographicOperations.FixedTimeEquals(buffer, expected);
        }

        if (!matched)
        {
            throw new WebhookVerificationException("No v1 signature of the delivery matches this secret (another webhook's secret, one rotated away, or a changed body).");
        }
    }

    /// <summary>Verifies a delivery whose body is text (as received, not re-serialized).</summary>
    public void Verify(string? webhookId, string? webhookTimestamp, string? webhookSignature, string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        Verify(webhookId, webhookTimestamp, webhookSignature, Encoding.UTF8.GetBytes(body));
    }

    /// <summary>True when the delivery is genuine and fresh.</summary>
    public bool IsValid(string? webhookId, string? webhookTimestamp, string? webhookSignature, ReadOnlySpan<byte> body)
    {
        try
        {
            Verify(webhookId, webhookTimestamp, webhookSignature, body);
            return true;
        }
        catch (WebhookVerificationException)
        {
            return false;
        }
    }

    /// <summary>Verifies a delivery and reads its typed event.</summary>
    public WebhookEvent VerifyAndParse(string? webhookId, string? webhookTimestamp, string? webhookSignature, ReadOnlySpan<byte> body)
    {
        Verify(webhookId, webhookTimestamp, webhookSignature, body);
        return WebhookEvents.Parse(body);
    }

    /// <summary>Verifies a delivery whose body is text and reads its typed event.</summary>
    public WebhookEvent VerifyAndParse(string? webhookId, string? webhookTimestamp, string? webhookSignature, string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return VerifyAndParse(webhookId, webhookTimestamp, webhookSignature, Encoding.UTF8.GetBytes(body));
    }

    private byte[] Sign(string id, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes($"{id}.{timestamp}.");
        var content = new byte[prefix.Length + body.Length];
        prefix.CopyTo(content, 0);
        body.CopyTo(content.AsSpan(prefix.Length));
        return HMACSHA256.HashData(_key, content);
    }
}
