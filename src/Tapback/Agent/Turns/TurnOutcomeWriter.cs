using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Tapback.Agent.Tools;
using Tapback.Gateway.Actions;
using Tapback.Gateway.Conversations;
using Tapback.Gateway.Outbox;
using Tapback.Messaging;

namespace Tapback.Agent.Turns;

/// <summary>
/// Everything a turn writes to the outbox, under the turn's keys (<see cref="TurnKeys"/>): the opening
/// (read, typing), the answer or the paused turn with the completion of the queue rows in one
/// transaction, the quiet completion without a model call, and the reply to /clear.
/// </summary>
internal sealed partial class TurnOutcomeWriter(
    OutboxWriter outbox,
    ReplyPlanner planner,
    SendLimits limits,
    IOptions<AgentOptions> options,
    IOptions<AgentToolsOptions> toolOptions,
    TimeProvider time,
    ILogger<TurnOutcomeWriter> logger)
{
    /// <summary>The longest bubble to an SMS-only phone: one SMS segment of plain characters.</summary>
    public const int SmsBubbleLength = 160;

    /// <summary>Marks the newest message read and shows typing before the model is asked; no queue rows complete.</summary>
    public async Task WriteOpeningAsync(Conversation conversation, TransportCapabilities capabilities, TurnInputs inputs, CancellationToken cancellationToken)
    {
        var turnKey = inputs.TurnKey;
        var opening = new List<AgentAction>();
        if (capabilities.ReadReceipts && inputs.LastRead is { } read)
        {
            opening.Add(AgentAction.MarkRead($"{turnKey}:read", read.Id));
        }

        if (capabilities.Typing)
        {
            opening.Add(AgentAction.Typing(TurnKeys.Typing(turnKey), on: true));
        }

        if (opening.Count > 0)
        {
            // Carried out in this write where the transport writes into the store: typing shows at its COMMIT.
            await outbox.WriteAsync(conversation, opening, completeQueueSeqs: null, alsoWrite: null, carryOutAtWrite: true, cancellationToken);
        }
    }

    /// <summary>
    /// Writes the answer, or the bubbles that ask the person and the paused turn, with the completion
    /// of the queue rows, in one transaction; with <paramref name="countTurn"/> the session's turn count
    /// goes up in it too (<see cref="Memory.SummaryStore.CountTurnAsync"/>), and the new count is returned.
    /// </summary>
    public async Task<long?> WriteOutcomeAsync(
        Conversation conversation,
        TransportCapabilities capabilities,
        TurnInputs inputs,
        ToolLoopResult result,
        WaitingTurn? resume,
        WaitingTurn? supersede,
        string? sessionId,
        ToolTurn toolTurn,
        bool countTurn,
        CancellationToken cancellationToken)
    {
        var bubbles = new List<string>(ExpiryNotices(inputs));
        var firstAnswer = bubbles.Count;
        var text = !result.IsPaused && string.IsNullOrWhiteSpace(result.Text) ? TurnRunner.ModelTroubleReply : result.Text;
        if (!string.IsNullOrWhiteSpace(text))
        {
            // An SMS-only phone gets bubbles of one SMS segment at most: a longer text arrives split anyway.
            var maxBubble = toolTurn.SmsOnly ? Math.Min(options.Value.MaxBubbleLength, SmsBubbleLength) : options.Value.MaxBubbleLength;
            var reply = inputs.VoiceReply is null ? ReplyPlanner.Bubbles(text, maxBubble) : VoiceReplyStep.Bubble(text);
            if (limits.Within(reply) is { } bounded)
            {
                // The same limit as an agent's send: a runaway answer is cut, not sent as a hundred bubbles.
                LogReplyCut(logger, conversation.Id, text.Length, limits.MaxBodyLength);
                reply = bounded;
            }

            bubbles.AddRange(reply);
        }

        var firstAsk = bubbles.Count;
        var answer = (First: firstAnswer, Count: firstAsk - firstAnswer);
        var calls = result.Approvals.Select(request => (FunctionCallContent)request.ToolCall).ToList();
        bubbles.AddRange(calls.Select(call => Approvals.ApprovalPrompt.Bubble(call.Name, call.Arguments)));
        if (result.Question is { } question)
        {
            bubbles.AddRange(Questions.QuestionPrompt.Bubbles(question.Question, question.Options));
        }

        var planned = VoiceReplyStep.Attach(planner.PlanBubbles(inputs.TurnKey, bubbles, capabilities.Typing), inputs.TurnKey, firstAnswer, inputs.VoiceReply);
        var actions = Styled(planned, answer, toolTurn, capabilities);
        var replyToMessageId = toolTurn.ReplyToMessageId;
        var paused = result.IsPaused
            ? new PausedTurn
            {
                Id = Storage.Ids.Derived("pause", conversation.Id, inputs.TurnKey),
                ConversationId = conversation.Id,
                SessionId = sessionId,
                Kind = result.Question is null ? PausedTurn.ApprovalKind : PausedTurn.QuestionKind,
                ModelMessages = ModelTranscript.Serialize(result.Transcript),
                ReplyToMessageId = replyToMessageId,
            }
            : null;
        long? turns = null;
        await outbox.WriteAsync(
            conversation,
            actions,
            inputs.Seqs,
            async write =>
            {
                if (countTurn && sessionId is not null)
                {
                    turns = await Memory.SummaryStore.CountTurnAsync(write.Connection, write.Transaction, sessionId, write.CancellationToken);
                }

                await CloseAsync(write, inputs.Expired, PausedTurnStore.Expired);
                await CloseAsync(write, supersede, PausedTurnStore.Cancelled);
                await CloseAsync(write, resume, PausedTurnStore.Resumed);
                if (paused is not null)
                {
                    await PausedTurnStore.InsertAsync(write, paused);
                    await WritePauseAsync(write, paused, result, calls, firstAsk, sessionId);
                }
            },
            carryOutAtWrite: true,
            cancellationToken);
        if (paused is not null)
        {
            var asked = Math.Max(calls.Count, 1);
            LogPaused(logger, conversation.Id, paused.Kind, asked);
        }
        else
        {
            LogAnswered(logger, conversation.Id, inputs.Run.Count, bubbles.Count);
        }

        return turns;
    }

    /// <summary>
    /// The answer's bubbles as <c>style_answer</c> chose: each an inline reply to the message it named (the
    /// whole answer sits in that thread), the first with the effect. Only what the transport carries, so
    /// a choice made before a transport change is dropped rather than refused at send.
    /// </summary>
    private static IReadOnlyList<AgentAction> Styled(IReadOnlyList<AgentAction> actions, (int First, int Count) answer, ToolTurn toolTurn, TransportCapabilities capabilities)
    {
        var replyTo = capabilities.Replies && !toolTurn.SmsOnly ? toolTurn.AnswerReplyTo : null;
        var effect = capabilities.Effects && !toolTurn.SmsOnly ? toolTurn.AnswerEffect : null;
        if (replyTo is null && effect is null)
        {
            return actions;
        }

        var styled = new List<AgentAction>(actions.Count);
        var bubble = 0;
        foreach (var action in actions)
        {
            if (action.Kind != AgentActionKind.Message)
            {
                styled.Add(action);
                continue;
            }

            var index = bubble++ - answer.First;
            styled.Add(index < 0 || index >= answer.Count
                ? action
                : action with { ReplyTo = replyTo, Effect = index == 0 ? effect : null });
        }

        return styled;
    }

    /// <summary>No model call: read receipts for answers, the expiry notice if any, and the queue rows done.</summary>
    public async Task WriteQuietAsync(Conversation conversation, TransportCapabilities capabilities, TurnInputs inputs, CancellationToken cancellationToken)
    {
        var actions = new List<AgentAction>();
        // Only answers to a waiting turn are marked read: group talk not meant for the agent stays unread.
        if (capabilities.ReadReceipts && inputs.Answered.MaxBy(message => message.Seq) is { } read)
        {
            actions.Add(AgentAction.MarkRead($"{inputs.TurnKey}:read", read.Id));
        }

        actions.AddRange(planner.PlanBubbles(inputs.TurnKey, ExpiryNotices(inputs), typing: false));
        await outbox.WriteAsync(conversation, actions, inputs.Seqs, write => CloseAsync(write, inputs.Expired, PausedTurnStore.Expired), cancellationToken);
        if (inputs.Expired is not null)
        {
            LogExpiredTold(logger, conversation.Id);
        }
    }

    /// <summary>The reply to /clear with the completion of its queue row; a fresh start drops whatever the old session was waiting for.</summary>
    public async Task WriteClearedAsync(Conversation conversation, TransportCapabilities capabilities, StoredMessage command, IReadOnlyList<long> seqs, WaitingTurn? waiting, CancellationToken cancellationToken)
    {
        var turnKey = TurnKeys.Of(seqs[0]);
        var actions = new List<AgentAction>();
        if (capabilities.ReadReceipts)
        {
            actions.Add(AgentAction.MarkRead($"{turnKey}:read", command.Id));
        }

        actions.Add(AgentAction.Message($"{turnKey}:bubble:0", AgentCommands.ClearedReply));
        await outbox.WriteAsync(conversation, actions, seqs, write => CloseAsync(write, waiting, PausedTurnStore.Cancelled), cancellationToken);
        LogCleared(logger, conversation.Id);
    }

    private Task WritePauseAsync(OutboxTransaction write, PausedTurn paused, ToolLoopResult result, List<FunctionCallContent> calls, int firstAsk, string? sessionId)
    {
        if (result.Question is { } question)
        {
            return Questions.QuestionStore.InsertAsync(
                write,
                new Questions.PendingQuestion
                {
                    Id = Storage.Ids.Derived("qst", paused.Id, question.CallId),
                    PausedTurnId = paused.Id,
                    CallId = question.CallId,
                    Question = question.Question,
                    Options = question.Options,
                    State = "pending",
                },
                paused.ConversationId);
        }

        return InsertApprovalsAsync(write, paused, result, calls, firstAsk, sessionId);
    }

    private async Task InsertApprovalsAsync(OutboxTransaction write, PausedTurn paused, ToolLoopResult result, List<FunctionCallContent> calls, int firstAsk, string? sessionId)
    {
        var expiresAt = (time.GetUtcNow() + toolOptions.Value.ApprovalTimeout).ToUnixTimeMilliseconds();
        for (var index = 0; index < calls.Count; index++)
        {
            var request = result.Approvals[index];
            await Approvals.ApprovalStore.InsertAsync(
                write,
                new Approvals.Approval
                {
                    Id = Storage.Ids.Derived("apr", paused.Id, request.RequestId),
                    PausedTurnId = paused.Id,
                    ConversationId = paused.ConversationId,
                    BubbleMessageId = write.MessageIds[firstAsk + index],
                    RequestId = request.RequestId,
                    CallId = calls[index].CallId,
                    ToolName = calls[index].Name,
                    Arguments = ModelTranscript.SerializeArguments(calls[index].Arguments),
                    State = Approvals.ApprovalStates.Pending,
                    ExpiresAt = expiresAt,
                },
                sessionId);
        }
    }

    private List<string> ExpiryNotices(TurnInputs inputs) =>
        inputs.Expired is { } expired
            ? [Approvals.ApprovalPrompt.Expired([.. expired.Approvals.Select(approval => approval.ToolName).Distinct()], toolOptions.Value.ApprovalTimeout)]
            : [];

    private static async Task CloseAsync(OutboxTransaction write, WaitingTurn? waiting, string state)
    {
        if (waiting is null)
        {
            return;
        }

        await Approvals.ApprovalStore.CancelPendingAsync(write, waiting.Turn.Id, state == PausedTurnStore.Cancelled ? "cancelled" : state);
        await Questions.QuestionStore.CancelPendingAsync(write, waiting.Turn.Id);
        await PausedTurnStore.CloseAsync(write, waiting.Turn.Id, state);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Answered {MessageCount} message(s) in {ConversationId} with {BubbleCount} bubble(s).")]
    private static partial void LogAnswered(ILogger logger, string conversationId, int messageCount, int bubbleCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "A turn in {ConversationId} paused for the person ({Kind}, {Count} item(s)).")]
    private static partial void LogPaused(ILogger logger, string conversationId, string kind, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Told the person in {ConversationId} that an approval expired.")]
    private static partial void LogExpiredTold(ILogger logger, string conversationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The model's answer in {ConversationId} was {Length} characters; only the bubbles within {Limit} were sent (Tapback:Actions:MaxBodyLength).")]
    private static partial void LogReplyCut(ILogger logger, string conversationId, int length, int limit);

    [LoggerMessage(Level = LogLevel.Information, Message = "Started a new session in {ConversationId} after /clear.")]
    private static partial void LogCleared(ILogger logger, string conversationId);
}
