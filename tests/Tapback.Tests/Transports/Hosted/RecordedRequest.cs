namespace Tapback.Tests.Transports.Hosted;

/// <summary>One request a fake provider received.</summary>
internal sealed record RecordedRequest(string Method, string PathAndQuery, string Body, IReadOnlyDictionary<string, string> Headers);
