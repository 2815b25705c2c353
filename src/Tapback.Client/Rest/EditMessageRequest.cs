namespace Tapback.Client;

/// <summary><c>PATCH /v2/messages/{id}</c>.</summary>
internal sealed record EditMessageRequest(string Body);
