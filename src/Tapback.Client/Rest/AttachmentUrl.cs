namespace Tapback.Client;

/// <summary>A file to send by URL, with the name the phone shows.</summary>
public sealed record AttachmentUrl(string Url, string? Name = null);
