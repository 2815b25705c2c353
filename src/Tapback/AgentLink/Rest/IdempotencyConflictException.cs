namespace Tapback.AgentLink.Rest;

/// <summary>Thrown inside a send's transaction when its Idempotency-Key was used with another body, to roll it back.</summary>
internal sealed class IdempotencyConflictException() : Exception("The Idempotency-Key was used with another request body.");
