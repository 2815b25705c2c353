using System.Text.Json.Nodes;

namespace Tapback.Tests.Transports.BlueBubbles;

/// <summary>One request the fake received: its route, the password it carried, and its JSON body or form.</summary>
internal sealed record FakeBlueBubblesRequest(string Method, string Path, string? Password, JsonObject? Body, IReadOnlyDictionary<string, string> Form);
