namespace Tapback.Tests.Infrastructure;

/// <summary>A request a <see cref="FakeSpeechServer"/> received: the JSON body, parsed.</summary>
internal sealed record FakeSpeechRequest
{
    public string? Model { get; init; }

    public string? Input { get; init; }

    public string? Voice { get; init; }

    public string? ResponseFormat { get; init; }

    public string? ApiKey { get; init; }
}
