using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Tapback.Gateway.Outbox;
using Tapback.Messaging;

namespace Tapback.Agent.Tools;

/// <summary>
/// The tools every turn has: <c>react</c>, <c>current_time</c>, and <c>ask_user</c>. <c>ask_user</c> is
/// only declared: the function loop hands its call back, and the turn sends the question and pauses.
/// </summary>
internal sealed class BuiltInTools(OutboxWriter outbox, TimeProvider time)
{
    private static readonly AIFunctionDeclaration AskUserDeclaration = AIFunctionFactory.CreateDeclaration(
        BuiltInToolNames.AskUser,
        "Ask the person a question with a few options, sent as a numbered list; their reply comes back as the result. "
        + "Use it when you need them to choose; ask one question at a time.",
        JsonDocument.Parse(
            """
            {
              "type": "object",
              "properties": {
                "question": { "type": "string", "description": "The question, short and plain." },
                "options": { "type": "array", "items": { "type": "string" }, "description": "Two to six short options." }
              },
              "required": ["question", "options"]
            }
            """).RootElement.Clone());

    public IReadOnlyList<AITool> For(ToolTurn turn) =>
    [
        AIFunctionFactory.Create(
            ([Description("The tapback: love, like, dislike, laugh, emphasize or question.")] string reaction, CancellationToken cancellationToken) =>
                ReactAsync(turn, reaction, cancellationToken),
            BuiltInToolNames.React,
            "Put an iMessage tapback on the person's last message, as a friend would (a heart for good news, a laugh for a joke). Use it sparingly."),
        AIFunctionFactory.Create(
            () => CurrentTime(),
            BuiltInToolNames.CurrentTime,
            "The current date and time in UTC."),
        AskUserDeclaration,
    ];

    private async Task<string> ReactAsync(ToolTurn turn, string reaction, CancellationToken cancellationToken)
    {
        if (!ReactionTypes.TryParse(reaction, out var tapback))
        {
            return $"'{reaction}' is not a tapback; use one of {ReactionTypes.AllowedValues}.";
        }

        if (turn.ReplyToMessageId is null)
        {
            return "There is no message of the person's to react to in this turn.";
        }

        await outbox.WriteAsync(turn.Conversation, [AgentAction.React(turn.NextKey("react"), turn.ReplyToMessageId, tapback)], cancellationToken: cancellationToken);
        return $"Done: a {tapback.ToWire()} tapback is on their message.";
    }

    private string CurrentTime()
    {
        var now = time.GetUtcNow();
        return now.ToString("dddd d MMMM yyyy, HH:mm 'UTC' (yyyy-MM-ddTHH:mm:ssZ)", CultureInfo.InvariantCulture);
    }
}
