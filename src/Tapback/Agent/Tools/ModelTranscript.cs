using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Tapback.Agent.Tools;

/// <summary>Chat messages to and from the stored JSON of a paused turn, through Microsoft.Extensions.AI's own contract.</summary>
internal static class ModelTranscript
{
    public static string Serialize(IReadOnlyList<ChatMessage> messages) =>
        JsonSerializer.Serialize(messages.ToArray(), AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(ChatMessage[])));

    public static List<ChatMessage> Deserialize(string json) =>
        [.. (ChatMessage[]?)JsonSerializer.Deserialize(json, AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(ChatMessage[]))) ?? []];

    /// <summary>A call's arguments as JSON, as the approvals table keeps them.</summary>
    public static string SerializeArguments(IDictionary<string, object?>? arguments) =>
        JsonSerializer.Serialize(arguments ?? new Dictionary<string, object?>(), AIJsonUtilities.DefaultOptions.GetTypeInfo(typeof(IDictionary<string, object?>)));
}
