using System.Text.Json.Nodes;

namespace Tapback.Tests.AgentLink.Webhooks;

/// <summary>One request the receiver got, with whether its signature checked out and how it answered.</summary>
internal sealed record ReceivedWebhook(string Id, string Timestamp, string Signature, string Body, bool Verified, ReceiverAnswer Answer)
{
    public JsonNode Json => JsonNode.Parse(Body)!;

    public string Type => (string)Json["type"]!;

    public string? Text => (string?)Json["data"]?["body"];
}
