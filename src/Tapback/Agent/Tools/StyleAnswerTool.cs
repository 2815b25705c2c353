using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Tapback.Gateway.Actions;
using Tapback.Messaging;

namespace Tapback.Agent.Tools;

/// <summary>
/// The <c>style_answer</c> tool: the model's answer is its text, so how that text goes out (as an
/// inline reply to one of the person's messages, with an iMessage effect) is set by a call before it.
/// The choice is kept on the <see cref="ToolTurn"/> and applied by the turn's writer to the answer's
/// bubbles. Each argument is in the schema only where the conversation's transport carries it.
/// </summary>
internal sealed class StyleAnswerTool(ToolTurn turn, ChatAccess chats, bool replies, bool effects) : AIFunction
{
    // The turn's messages are listed for reply_to by id and their opening words.
    private const int SnippetLength = 60;

    public override string Name => BuiltInToolNames.StyleAnswer;

    public override string Description
    {
        get
        {
            var text = new StringBuilder("Choose how your answer is sent; your answer is still the text you write after calling it. ");
            if (replies)
            {
                text.Append("reply_to sends it as an inline reply (in a thread) to one of the person's messages: use it when you answer one of several messages, so it is clear which. ");
            }

            if (effects)
            {
                text.Append("effect sends it with an iMessage effect: only for a real occasion (balloons for a birthday, confetti for good news), rarely. ");
            }

            if (replies && turn.Answering.Count > 0)
            {
                text.Append("The person's messages this turn:");
                foreach (var message in turn.Answering)
                {
                    var body = message.Body.Trim().ReplaceLineEndings(" ");
                    text.Append(CultureInfo.InvariantCulture, $" {message.Id}: \"{(body.Length > SnippetLength ? body[..SnippetLength] + "…" : body)}\";");
                }
            }

            return text.ToString().Trim();
        }
    }

    // The schema hangs on which arguments the transport carries, never on the turn: one for each of the
    // four ways, made once rather than built and parsed again on every turn's model call.
    private static readonly JsonElement[] Schemas = [Schema(replies: false, effects: false), Schema(replies: false, effects: true), Schema(replies: true, effects: false), Schema(replies: true, effects: true)];

    public override JsonElement JsonSchema => Schemas[(replies ? 2 : 0) + (effects ? 1 : 0)];

    private static JsonElement Schema(bool replies, bool effects)
    {
        var properties = new JsonObject();
        if (replies)
        {
            properties["reply_to"] = new JsonObject { ["type"] = "string", ["description"] = "The id of the person's message to answer in its thread." };
        }

        if (effects)
        {
            properties["effect"] = new JsonObject { ["type"] = "string", ["description"] = $"One of: {MessageEffects.AllowedValues}." };
        }

        using var schema = JsonDocument.Parse(new JsonObject { ["type"] = "object", ["properties"] = properties }.ToJsonString());
        return schema.RootElement.Clone();
    }

    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        var replyTo = replies && arguments.TryGetValue("reply_to", out var reply) ? ToolLoopResult.AsText(reply)?.Trim() : null;
        var effectName = effects && arguments.TryGetValue("effect", out var named) ? ToolLoopResult.AsText(named)?.Trim() : null;
        MessageEffect? effect = null;
        if (!string.IsNullOrEmpty(effectName))
        {
            if (!MessageEffects.TryParse(effectName, out var parsed))
            {
                return $"Not done: '{effectName}' is not an effect; use one of {MessageEffects.AllowedValues}.";
            }

            effect = parsed;
        }

        if (!string.IsNullOrEmpty(replyTo))
        {
            var found = await chats.FindMessageAsync(ActionCaller.BuiltIn(turn.Conversation), replyTo, cancellationToken);
            if (found.Refusal is { } refusal)
            {
                return $"Not done: {refusal.Reason}";
            }

            if (found.Message!.UnsentAt is not null)
            {
                return "Not done: the person unsent that message.";
            }
        }

        // Each call says the whole style: a later call without reply_to sends the answer plainly.
        turn.AnswerReplyTo = string.IsNullOrEmpty(replyTo) ? null : replyTo;
        turn.AnswerEffect = effect;
        return (turn.AnswerReplyTo, turn.AnswerEffect) switch
        {
            (null, null) => "Done: your answer goes out plainly.",
            (not null, null) => "Done: your answer goes out as an inline reply to that message.",
            (null, { } only) => $"Done: your answer goes out with the {only.ToWire()} effect.",
            (_, { } both) => $"Done: your answer goes out as an inline reply to that message, with the {both.ToWire()} effect.",
        };
    }
}
