using Microsoft.AspNetCore.Http.HttpResults;
using Tapback.Gateway.Http;
using Tapback.Gateway.Integrations.Credentials;

namespace Tapback.AgentLink.Rest;

/// <summary>
/// The REST API under <c>/v2</c>, for agents that are plain HTTP services: send, type, mark read,
/// react, and read conversations. Each call is one integration's (its Bearer token) and becomes
/// keyed outbox rows, like the same action on the agent WebSocket.
/// </summary>
internal static partial class RestEndpoints
{
    public const string Tag = "REST API";
    public const string RateLimitPolicy = "rest";

    public static IEndpointRouteBuilder MapRestApi(this IEndpointRouteBuilder endpoints)
    {
        var v2 = endpoints.MapGroup("/v2")
            .WithTags(Tag)
            .RequireIntegrationCredential()
            .RequireRateLimiting(RateLimitPolicy)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        v2.MapPost("/messages", SendAsync)
            .WithSummary("Send a message to the paired phone or into one of its conversations.")
            .AcceptsJson<SendMessageRequest>()
            .Produces<SendMessageResponse>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        v2.MapGet("/messages/{id}", GetMessageAsync)
            .WithSummary("A message with its delivery status.")
            .Produces<MessageDto>();
        MapEdits(v2);
        v2.MapPost("/messages/{id}/read", MarkReadAsync)
            .WithSummary("Send a read receipt up to this inbound message.")
            .Produces<ActionAccepted>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        v2.MapPost("/messages/{id}/reactions", ReactAsync)
            .WithSummary("Add (\"+love\") or remove (\"-love\") a tapback on a message.")
            .AcceptsJson<ReactionRequest>()
            .Produces<ActionAccepted>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        v2.MapPost("/typing", TypingAsync)
            .WithSummary("Show or hide the typing indicator.")
            .AcceptsJson<TypingRequest>()
            .Produces<ActionAccepted>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        v2.MapGet("/conversations", ListConversationsAsync)
            .WithSummary("This integration's conversations, newest first.")
            .Produces<Page<ConversationDto>>();
        v2.MapGet("/conversations/{id}/messages", ListMessagesAsync)
            .WithSummary("A conversation's messages, newest first; since and until bound their times.")
            .Produces<Page<MessageDto>>();
        MapHandles(v2);

        return endpoints;
    }

    private static JsonHttpResult<T> Accepted<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo) =>
        TypedResults.Json(value, typeInfo, statusCode: StatusCodes.Status202Accepted);
}
