using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Tapback.Gateway.Actions;
using Tapback.Messaging;

namespace Tapback.Agent.Tools;

/// <summary>
/// The built-in tools: <c>current_time</c> and <c>ask_user</c> on every turn, <c>react</c> where the
/// chat's transport can send tapbacks, and <c>style_answer</c> (inline reply, effect) where it carries
/// either (a model is offered only what the transport carries out, and none of these on an SMS-only phone).
/// <c>react</c> is <see cref="AgentActions.ReactAsync"/>, acting as the turn in its own conversation;
/// a refusal comes back as its sentence, for the model to relay. <c>ask_user</c> is only declared:
/// the function loop hands its call back, and the turn sends the question and pauses.
/// </summary>
internal sealed class BuiltInTools(AgentActions actions, ChatAccess chats, TimeProvider time)
{
    // The same for every turn: made once rather than by reflection over its delegate at each turn.
    private AIFunction? _currentTime;

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

    public IReadOnlyList<AITool> For(ToolTurn turn)
    {
        var tools = new List<AITool>();
        var capabilities = chats.Capabilities(turn.Conversation);
        // An SMS-only phone shows no tapback, effect or thread: offering them would only be refused or lost.
        if (capabilities.TapbacksSent && !turn.SmsOnly)
        {
            tools.Add(AIFunctionFactory.Create(
                ([Description("The tapback: love, like, dislike, laugh, emphasize or question.")] string reaction, CancellationToken cancellationToken) =>
                    ReactAsync(turn, reaction, cancellationToken),
                BuiltInToolNames.React,
                "Put an iMessage tapback on the person's last message, as a friend would (a heart for good news, a laugh for a joke). Use it sparingly."));
        }

        var (replies, effects) = (capabilities.Replies && !turn.SmsOnly, capabilities.Effects && !turn.SmsOnly);
        if (replies || effects)
        {
            tools.Add(new StyleAnswerTool(turn, chats, replies, effects));
        }

        tools.Add(_currentTime ??= AIFunctionFactory.Create(() => CurrentTime(), BuiltInToolNames.CurrentTime, "The current date and time in UTC."));
        tools.Add(AskUserDeclaration);
        return tools;
    }

    /// <summary>The <c>react</c> tool: a tapback on the message the turn answers, or the sentence why not.</summary>
    public async Task<string> ReactAsync(ToolTurn turn, string reaction, CancellationToken cancellationToken)
    {
        if (!ReactionTypes.TryParse(reaction, out var tapback))
        {
            return $"'{reaction}' is not a tapback; use one of {ReactionTypes.AllowedValues}.";
        }

        if (turn.ReplyToMessageId is null)
        {
            return "There is no message of the person's to react to in this turn.";
        }

        var result = await actions.ReactAsync(
            ActionCaller.BuiltIn(turn.Conversation),
            new ReactCommand { MessageId = turn.ReplyToMessageId, Reaction = tapback, IdempotencyKey = turn.NextKey("react") },
            cancellationToken);
        return result is ActionResult.Refused refused ? $"Not done: {refused.Reason}" : $"Done: a {tapback.ToWire()} tapback is on their message.";
    }

    private string CurrentTime()
    {
        var now = time.GetUtcNow();
        return now.ToString("dddd d MMMM yyyy, HH:mm 'UTC' (yyyy-MM-ddTHH:mm:ssZ)", CultureInfo.InvariantCulture);
    }
}
