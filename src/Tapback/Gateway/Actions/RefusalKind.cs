namespace Tapback.Gateway.Actions;

/// <summary>Why an action was refused; each surface maps a kind to its own status (REST: 400, 404, 403, 422, 409, 413).</summary>
internal enum RefusalKind
{
    /// <summary>The request itself is malformed (a chat named neither way, a handle that is no handle).</summary>
    Invalid,

    /// <summary>No such chat or message.</summary>
    NotFound,

    /// <summary>The chat or message exists but belongs to another integration.</summary>
    Forbidden,

    /// <summary>The chat's transport cannot do this (typing, read receipts, tapbacks, files).</summary>
    Unsupported,

    /// <summary>Well formed but not possible here (reading an outbound message, a file that could not be fetched).</summary>
    Unprocessable,

    /// <summary>A text or a file larger than the gateway takes.</summary>
    TooLarge,

    /// <summary>
    /// The idempotency key was used before for another request, or the message is past what Apple
    /// allows (5 edits within 15 minutes, an unsend within 2) or is being sent right now.
    /// </summary>
    Conflict,

    /// <summary>The transport failed to answer just now (a handle lookup); the same request may succeed later.</summary>
    Unavailable,
}
