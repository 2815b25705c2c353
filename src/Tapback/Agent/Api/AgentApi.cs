using Tapback.Agent.Memory;
using Tapback.Gateway.Conversations;
using Tapback.Gateway.Http;

namespace Tapback.Agent.Api;

/// <summary>
/// What the built-in agent remembers and what went wrong, readable over HTTP. Mapped under the
/// admin-protected <c>/api/admin</c> group: summaries hold what people said.
/// </summary>
internal static class AgentApi
{
    public static RouteGroupBuilder MapAgentApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/agent").WithTags("Agent");
        api.MapGet("/conversations", FindConversationAsync)
            .WithSummary("Find a conversation by its transport and chat id.")
            .Produces<Conversation>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/conversations/{conversationId}/sessions", ListSessionsAsync)
            .WithSummary("The built-in agent's sessions in a conversation, with their summaries.")
            .Produces<IReadOnlyList<SessionView>>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/conversations/{conversationId}/errors", ListErrorsAsync)
            .WithSummary("The built-in agent's latest errors in a conversation (at most 100).")
            .Produces<IReadOnlyList<AgentError>>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> FindConversationAsync(string? transport, string? chatId, ConversationReader conversations, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(transport) || string.IsNullOrWhiteSpace(chatId))
        {
            return Problems.BadRequest("Give the conversation's transport and chatId as query parameters, e.g. ?transport=simulator&chatId=%2B15551234567.");
        }

        var conversation = await conversations.FindByChatAsync(transport, chatId, cancellationToken);
        return conversation is null
            ? Problems.NotFound($"No conversation on '{transport}' with chat id '{chatId}'.")
            : TypedResults.Json(conversation, AgentApiJsonContext.Wire.Conversation);
    }

    private static async Task<IResult> ListSessionsAsync(string conversationId, ConversationReader conversations, SessionHistory history, CancellationToken cancellationToken)
    {
        if (await conversations.FindAsync(conversationId, cancellationToken) is null)
        {
            return Problems.NotFound($"No conversation '{conversationId}'.");
        }

        var sessions = await history.ListAsync(conversationId, cancellationToken);
        return TypedResults.Json(sessions, AgentApiJsonContext.Wire.IReadOnlyListSessionView);
    }

    private static async Task<IResult> ListErrorsAsync(string conversationId, ConversationReader conversations, AgentErrorLog errors, CancellationToken cancellationToken)
    {
        if (await conversations.FindAsync(conversationId, cancellationToken) is null)
        {
            return Problems.NotFound($"No conversation '{conversationId}'.");
        }

        var list = await errors.ListAsync(conversationId, limit: 100, cancellationToken);
        return TypedResults.Json(list, AgentApiJsonContext.Wire.IReadOnlyListAgentError);
    }
}
