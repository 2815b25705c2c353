using System.Text.Json.Serialization;

namespace Tapback.Agent.Models;

[JsonSerializable(typeof(OllamaTagsResponse))]
internal sealed partial class OllamaJsonContext : JsonSerializerContext;
