namespace Tapback.Tests.Infrastructure;

/// <summary>A request a <see cref="FakeTranscriptionServer"/> received: the multipart form, parsed.</summary>
internal sealed record FakeTranscriptionRequest
{
    public required string Model { get; init; }

    public required string FileName { get; init; }

    public required byte[] File { get; init; }

    public string? Language { get; init; }

    public string? ResponseFormat { get; init; }

    public string? ApiKey { get; init; }
}
