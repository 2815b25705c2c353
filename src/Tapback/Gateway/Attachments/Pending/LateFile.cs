namespace Tapback.Gateway.Attachments.Pending;

/// <summary>
/// A file of an inbound message that its transport could not fetch yet (not on the Mac, the provider's
/// URL failing for now): the message is stored without it and the file fetched later.
/// </summary>
internal sealed record LateFile
{
    /// <summary>The transport's own id for the file, unique within the transport (a guid, the derived attachment id).</summary>
    public required string Key { get; init; }

    /// <summary>What the transport needs to fetch it again: a URL, a server's guid, a path. Never a credential.</summary>
    public required string Source { get; init; }

    public string? FileName { get; init; }

    public string? ContentType { get; init; }

    /// <summary>Where it stood among the message's files.</summary>
    public required int Position { get; init; }
}
