namespace Tapback.Transports.Simulator;

/// <summary>A file shown in a phone event, fetched from <see cref="Url"/>.</summary>
internal sealed record PhoneAttachment(string Url, string ContentType, string FileName);
