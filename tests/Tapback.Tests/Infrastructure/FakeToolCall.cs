namespace Tapback.Tests.Infrastructure;

/// <summary>A tool call a fake model makes; without an id the server numbers it (<c>call_fake0001</c>…).</summary>
internal sealed record FakeToolCall(string Name, string ArgumentsJson = "{}", string? Id = null);
