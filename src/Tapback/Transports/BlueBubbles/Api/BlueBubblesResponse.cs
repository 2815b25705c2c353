using System.Text.Json;

namespace Tapback.Transports.BlueBubbles.Api;

/// <summary>Every REST answer: <c>{status, message, data}</c>, and <c>error</c> when it failed.</summary>
internal sealed record BlueBubblesResponse<T>
{
    public int Status { get; init; }

    public string? Message { get; init; }

    public T? Data { get; init; }

    /// <summary><c>{type, error}</c> on the servers we know; kept loose because versions differ.</summary>
    public JsonElement? Error { get; init; }
}
