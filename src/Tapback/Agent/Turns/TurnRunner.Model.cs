using Microsoft.Extensions.AI;
using Tapback.Agent.Memory;
using Tapback.Agent.Sessions;
using Tapback.Agent.Tools;
using Tapback.Gateway.Conversations;
using Tapback.Gateway.Outbox;
using Tapback.Messaging;

namespace Tapback.Agent.Turns;

/// <summary>A turn that asks the model: the opening, the tool loop, and the answer (or pause) it writes.</summary>
internal sealed partial class TurnRunner
{
    private async Task TakeTurnAsync(
        Conversation conversation, TransportCapabilities capabilities, TurnInputs inputs, WaitingTurn? resume, WaitingTurn? supersede, CancellationToken cancellationToken)
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
            await outbox.WriteAsync(conversation, opening, cancellationToken: cancellationToken);
        }

        List<ChatMessage> prompt;
        string? summary = null;
        Session? session = null;
        string? sessionId;
        if (resume is not null)
        {
            // The model picks up where it paused, with the person's decision; newer messages follow it.
            prompt = PauseResolver.ResumeMessages(resume);
            if (inputs.Run.Count > 0)
            {
                prompt.AddRange(PromptBuilder.History(inputs.Run, await renderer.RenderAsync(inputs.Run, cancellationToken), conversation.IsGroup));
            }

            sessionId = resume.Turn.SessionId;
            summary = sessionId is null ? null : await memory.SummaryAsync(sessionId, cancellationToken);
        }
        else
        {
            var run = inputs.Run;
            var lastActivity = await conversations.LastMessageAtAsync(conversation.Id, run[0].Seq, cancellationToken);
            session = await sessions.CurrentAsync(conversation.Id, run[0].Seq, lastActivity, settings.For(conversation).SessionTimeout, cancellationToken);
            var context = await memory.BuildAsync(session, run[^1].Seq, TokenEstimator.Estimate(prompts.Instructions(conversation: conversation)), conversation.IsGroup, cancellationToken);
            prompt = [.. context.Messages];
            summary = context.Summary;
            sessionId = session.Id;
        }

        var toolTurn = new ToolTurn
        {
            Conversation = conversation,
            TurnKey = turnKey,
            ReplyToMessageId = inputs.Run.LastOrDefault()?.Id ?? resume?.Turn.ReplyToMessageId,
            Typing = capabilities.Typing,
            ShowToolCalls = toolCalls.ShowToolCalls(conversation),
        };
        var result = await AskModelAsync(prompt, summary, conversation, sessionId, capabilities, toolTurn, cancellationToken);
        await WriteOutcomeAsync(conversation, capabilities, inputs, result, resume, supersede, sessionId, toolTurn.ReplyToMessageId, cancellationToken);
        if (session is not null)
        {
            await summarizer.AfterTurnAsync(session, inputs.Run[^1].Seq, cancellationToken);
        }
    }

    private async Task<ToolLoopResult> AskModelAsync(
        List<ChatMessage> prompt, string? summary, Conversation conversation, string? sessionId, TransportCapabilities capabilities, ToolTurn toolTurn, CancellationToken cancellationToken)
    {
        var model = await activeModel.GetAsync();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.ModelTimeout);
        using var keepTyping = StartTypingKeepAlive(conversation, capabilities, toolTurn.TurnKey, timeout.Token);
        try
        {
            var effective = settings.For(conversation);
            var chatOptions = new ChatOptions
            {
                Instructions = prompts.Instructions(summary, conversation),
                MaxOutputTokens = options.Value.MaxOutputTokens,
                ModelId = effective.ModelId,
                Reasoning = effective.ReasoningEffort is { } effort ? new ReasoningOptions { Effort = effort } : null,
                Tools = await toolbox.ToolsAsync(toolTurn, timeout.Token),
            };
            var response = await toolbox.Client(model.Client, toolTurn).GetResponseAsync(prompt, chatOptions, timeout.Token);
            var result = ToolLoopResult.From(prompt, response);
            LogModelAnswered(logger, conversation.Id, model.Provider, result.Text.Length);
            return result;
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // The user hears that something went wrong instead of silence; the message stays stored.
            LogModelFailed(logger, conversation.Id, model.Provider, exception);
            var kind = exception is OperationCanceledException ? "model_timeout" : "model_error";
            await errors.RecordAsync(conversation.Id, sessionId, kind, $"{model.Provider}: {exception.Message}", CancellationToken.None);
            return new ToolLoopResult { Text = ModelTroubleReply, Transcript = prompt };
        }
    }

    /// <summary>
    /// Writes the answer, or the bubbles that ask the person and the paused turn, with the completion
    /// of the queue rows, in one transaction.
    /// </summary>
    private async Task WriteOutcomeAsync(
        Conversation conversation,
        TransportCapabilities capabilities,
        TurnInputs inputs,
        ToolLoopResult result,
        WaitingTurn? resume,
        WaitingTurn? supersede,
        string? sessionId,
        string? replyToMessageId,
        CancellationToken cancellationToken)
    {
        var bubbles = new List<string>(ExpiryNotices(inputs));
        var text = !result.IsPaused && string.IsNullOrWhiteSpace(result.Text) ? ModelTroubleReply : result.Text;
        if (!string.IsNullOrWhiteSpace(text))
        {
            bubbles.AddRange(ReplyPlanner.Bubbles(text, options.Value.MaxBubbleLength));
        }

        var firstAsk = bubbles.Count;
        var calls = result.Approvals.Select(request => (FunctionCallContent)request.ToolCall).ToList();
        bubbles.AddRange(calls.Select(call => Approvals.ApprovalPrompt.Bubble(call.Name, call.Arguments)));
        if (result.Question is { } question)
        {
            bubbles.AddRange(Questions.QuestionPrompt.Bubbles(question.Question, question.Options));
        }

        var actions = planner.PlanBubbles(inputs.TurnKey, bubbles, capabilities.Typing);
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
        await outbox.WriteAsync(
            conversation,
            actions,
            inputs.Seqs,
            async write =>
            {
                await CloseAsync(write, inputs.Expired, PausedTurnStore.Expired);
                await CloseAsync(write, supersede, PausedTurnStore.Cancelled);
                await CloseAsync(write, resume, PausedTurnStore.Resumed);
                if (paused is not null)
                {
                    await PausedTurnStore.InsertAsync(write, paused);
                    await WritePauseAsync(write, paused, result, calls, firstAsk, sessionId);
                }
            },
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

    /// <summary>No model call: read receipts for answers, the expiry notice if any, and the queue rows done.</summary>
    private async Task WriteQuietAsync(Conversation conversation, TransportCapabilities capabilities, TurnInputs inputs, CancellationToken cancellationToken)
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

    /// <summary>On transports whose indicator fades, re-sends "typing" while the model thinks.</summary>
    private PeriodicTimer? StartTypingKeepAlive(Conversation conversation, TransportCapabilities capabilities, string turnKey, CancellationToken cancellationToken)
    {
        if (!capabilities.Typing || capabilities.TypingRefreshInterval is not { } interval)
        {
            return null;
        }

        var timer = new PeriodicTimer(interval, time);
        _ = KeepTypingAsync(timer, conversation, turnKey, cancellationToken);
        return timer;
    }

    private async Task KeepTypingAsync(PeriodicTimer timer, Conversation conversation, string turnKey, CancellationToken cancellationToken)
    {
        try
        {
            for (var tick = 1; await timer.WaitForNextTickAsync(cancellationToken); tick++)
            {
                await outbox.WriteAsync(conversation, [AgentAction.Typing($"{turnKey}:typing:alive:{tick}", on: true)], cancellationToken: cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }
}
